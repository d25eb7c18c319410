package dev.computefabric.executor.function;

import dev.computefabric.schemas.ErrorTypes;

/**
 * Why a call failed: the {@code ErrorInfo.type} callers see (its name is the contract's, {@link ErrorTypes}),
 * and whether running the call again can help. This enum is the one place where retryability is decided;
 * only {@link #FUNCTION_FAILED} lets the function choose, because only the function knows whether its own
 * failure is transient.
 */
public enum ErrorKind {

    /** No function of that name on this executor. */
    FUNCTION_NOT_FOUND(ErrorTypes.FUNCTION_NOT_FOUND, false),
    /** The arguments are missing, of the wrong type or out of range; the message says what to fix. */
    BAD_ARGUMENTS(ErrorTypes.BAD_ARGUMENTS, false),
    /** An input table is malformed or does not match its reference (size, hash). */
    BAD_TABLE(ErrorTypes.BAD_TABLE, false),
    /** Table storage could not be reached; the same call may succeed later. */
    TABLE_UNAVAILABLE(ErrorTypes.TABLE_UNAVAILABLE, true),
    /** Reading or writing failed below the function (I/O); the same call may succeed later. */
    IO_ERROR(ErrorTypes.IO_ERROR, true),
    /** The call asks for more slots than this executor has in total. */
    INSUFFICIENT_SLOTS(ErrorTypes.INSUFFICIENT_SLOTS, false),
    /** The call's deadline passed, before it could start or while it ran. */
    TIMEOUT(ErrorTypes.TIMEOUT, false),
    /** The function reported a failure of its own; it decides whether a retry can help. */
    FUNCTION_FAILED(ErrorTypes.FUNCTION_FAILED, false),
    /** The function threw something it did not mean to: a bug, reported with its class and message. */
    INTERNAL(ErrorTypes.INTERNAL, false),
    /**
     * The call's record was delivered as often as the share group allows (executors crashed or lost its lock
     * each time); the broker would drop it silently, so the executor fails it and dead-letters it instead.
     */
    DELIVERY_LIMIT(ErrorTypes.DELIVERY_LIMIT, false),
    /** Cancelled on {@code fabric.control} before or while it ran. */
    CANCELLED(ErrorTypes.CANCELLED, false),
    /** A pipeline step's reference to the step before it found nothing (the same-node shortcut fills them in here). */
    BAD_REFERENCE(ErrorTypes.BAD_REFERENCE, false),
    /** A pipeline that cannot run; the router's, no function raises it. */
    BAD_PIPELINE(ErrorTypes.BAD_PIPELINE, false);

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
