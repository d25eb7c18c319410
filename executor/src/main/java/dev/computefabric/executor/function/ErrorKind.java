package dev.computefabric.executor.function;

/**
 * Why a call failed: the {@code ErrorInfo.type} callers see, and whether running the call again can help.
 * This enum is the one place where retryability is decided; only {@link #FUNCTION_FAILED} lets the
 * function choose, because only the function knows whether its own failure is transient.
 */
public enum ErrorKind {

    /** No function of that name on this executor. */
    FUNCTION_NOT_FOUND("FunctionNotFound", false),
    /** The arguments are missing, of the wrong type or out of range; the message says what to fix. */
    BAD_ARGUMENTS("BadArguments", false),
    /** An input table is malformed or does not match its reference (size, hash). */
    BAD_TABLE("BadTable", false),
    /** Table storage could not be reached; the same call may succeed later. */
    TABLE_UNAVAILABLE("TableUnavailable", true),
    /** Reading or writing failed below the function (I/O); the same call may succeed later. */
    IO_ERROR("IoError", true),
    /** The call asks for more slots than this executor has in total. */
    INSUFFICIENT_SLOTS("InsufficientSlots", false),
    /** The call's deadline passed before it could start. */
    TIMEOUT("Timeout", false),
    /** The function reported a failure of its own; it decides whether a retry can help. */
    FUNCTION_FAILED("FunctionFailed", false),
    /** The function threw something it did not mean to: a bug, reported with its class and message. */
    INTERNAL("InternalError", false),
    /**
     * The call's record was delivered as often as the share group allows (executors crashed or lost its lock
     * each time); the broker would drop it silently, so the executor fails it and dead-letters it instead.
     */
    DELIVERY_LIMIT("DeliveryLimitReached", false),
    /** Cancelled on {@code fabric.control} before or while it ran. */
    CANCELLED("Cancelled", false);

    private final String type;
    private final boolean retryable;

    ErrorKind(String type, boolean retryable) {
        this.type = type;
        this.retryable = retryable;
    }

    /** The name in {@code ErrorInfo.type}. */
    public String type() {
        return type;
    }

    public boolean retryable() {
        return retryable;
    }
}
