package dev.computefabric.executor.api;

/** A node could not start: a service unreachable, not ready in time. The message says which. */
public final class FabricNodeException extends RuntimeException {

    public FabricNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
