package dev.computefabric.registry;

/** The store could not read or write; the request may succeed when retried. */
public class SchemaStoreException extends RuntimeException {

    public SchemaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
