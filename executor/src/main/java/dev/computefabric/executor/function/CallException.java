package dev.computefabric.executor.function;

/**
 * The root of every failure a call reports to its caller: a {@link ErrorKind} and a message written for
 * the person who made the call. Anything else a function throws is reported as {@link ErrorKind#INTERNAL}.
 */
public class CallException extends RuntimeException {

    private final ErrorKind kind;

    public CallException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public CallException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
