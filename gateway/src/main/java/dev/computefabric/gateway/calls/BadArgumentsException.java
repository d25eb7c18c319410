package dev.computefabric.gateway.calls;

/**
 * A call's arguments or tables do not fit its function's signature: an unknown argument, a missing required one,
 * a value of the wrong JSON type, a dataframe not sent as a table. Nothing was queued.
 */
public final class BadArgumentsException extends InvalidRequestException {

    public static final String CODE = "bad_arguments";

    private final String function;
    private final String argument;

    public BadArgumentsException(String function, String argument, String message) {
        super(CODE, message, null);
        this.function = function;
        this.argument = argument;
    }

    public String function() {
        return function;
    }

    /** The argument (or table) that does not fit. */
    public String argument() {
        return argument;
    }
}
