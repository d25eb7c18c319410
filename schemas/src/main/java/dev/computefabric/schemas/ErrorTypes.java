package dev.computefabric.schemas;

/**
 * The names callers see in {@code ErrorInfo.type}: part of the contract, written by executors, the router and
 * the gateway. Whether an error is retryable is the executor's decision ({@code ErrorKind}), not the name's.
 */
public final class ErrorTypes {

    /** No function of that name where the call ran. */
    public static final String FUNCTION_NOT_FOUND = "FunctionNotFound";
    /** The arguments are missing, of the wrong type or out of range; the message says what to fix. */
    public static final String BAD_ARGUMENTS = "BadArguments";
    /** An input table is malformed or does not match its reference (size, hash). */
    public static final String BAD_TABLE = "BadTable";
    /** Table storage could not be reached. */
    public static final String TABLE_UNAVAILABLE = "TableUnavailable";
    /** Reading or writing failed below the function. */
    public static final String IO_ERROR = "IoError";
    /** The call asks for more slots than its executor has in total. */
    public static final String INSUFFICIENT_SLOTS = "InsufficientSlots";
    /** The call's deadline passed. */
    public static final String TIMEOUT = "Timeout";
    /** The function reported a failure of its own. */
    public static final String FUNCTION_FAILED = "FunctionFailed";
    /** The function threw something it did not mean to. */
    public static final String INTERNAL = "InternalError";
    /** The call's record was delivered as often as the share group allows. */
    public static final String DELIVERY_LIMIT = "DeliveryLimitReached";
    /** Cancelled on {@code fabric.control} before or while it ran. */
    public static final String CANCELLED = "Cancelled";
    /** A pipeline that cannot run (a reference to a step it lacks, steps waiting for each other); the message lists why. */
    public static final String BAD_PIPELINE = "BadPipeline";
    /** A pipeline step's reference found nothing in the output it names; the message says what was there. */
    public static final String BAD_REFERENCE = "BadReference";

    private ErrorTypes() {}
}
