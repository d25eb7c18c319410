package dev.computefabric.sdk;

/**
 * A call the fabric took ended without a result: it failed, was cancelled or timed out, or it was still under
 * way when the caller stopped waiting ({@link #state()} {@code ACCEPTED} or {@code RUNNING}).
 */
public class CallFailedException extends FabricException {

    private final String callId;
    private final String state;
    private final String errorType;

    public CallFailedException(String callId, String state, String errorType, String message) {
        super(200, message, null);
        this.callId = callId;
        this.state = state;
        this.errorType = errorType;
    }

    public String callId() {
        return callId;
    }

    /** {@code FAILED}, {@code CANCELLED}, {@code TIMED_OUT}, or the state it was in when the wait ran out. */
    public String state() {
        return state;
    }

    /** The error's type, e.g. {@code BadArguments}, {@code FunctionFailed}; null when the call did not fail. */
    public String errorType() {
        return errorType;
    }

    /** The call is still under way; ask again with {@link FabricClient#get}. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
