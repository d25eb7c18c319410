package dev.computefabric.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry could not answer (unreachable, timed out, or a 5xx). It says nothing about the
 * record being read or written: retry later, never treat the record as poison.
 */
public final class SchemaRegistryUnavailableException extends SerializationException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchemaRegistryUnavailableException(String message) {
        super(message);
    }

    /** True when {@code failure} or one of its causes is a registry outage. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
