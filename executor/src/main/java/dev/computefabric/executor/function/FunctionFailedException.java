package dev.computefabric.executor.function;

/** A failure the function reports on purpose, with its own verdict on whether a retry can help. */
public final class FunctionFailedException extends CallException {

    private final boolean retryable;

    public FunctionFailedException(String message, boolean retryable) {
        super(ErrorKind.FUNCTION_FAILED, message);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
