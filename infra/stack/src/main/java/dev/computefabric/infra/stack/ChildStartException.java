package dev.computefabric.infra.stack;

/** A child JVM did not become ready: it exited, timed out, or could not be launched. The message quotes its log. */
public final class ChildStartException extends RuntimeException {

    private final String child;

    public ChildStartException(String child, String message, Throwable cause) {
        super(message, cause);
        this.child = child;
    }

    public ChildStartException(String child, String message) {
        this(child, message, null);
    }

    /** The name of the child that failed. */
    public String child() {
        return child;
    }
}
