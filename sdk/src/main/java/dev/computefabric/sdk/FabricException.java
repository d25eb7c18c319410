package dev.computefabric.sdk;

/**
 * The fabric refused or could not take a request. {@link #status()} is the HTTP status (0: no answer, e.g.
 * the gateway is unreachable or a Kafka call timed out); the message carries the gateway's own reason.
 */
public class FabricException extends RuntimeException {

    private final int status;

    public FabricException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Worth retrying as is: no answer, or the fabric was unavailable (5xx, 429). */
    public boolean isRetryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
