package dev.computefabric.gateway.calls;

/**
 * Root of everything the gateway reports to a client. Each subclass carries a stable, machine-readable
 * {@link #code()}; the web layer maps the type to an HTTP status in one place.
 */
public abstract class GatewayException extends RuntimeException {

    private final String code;

    protected GatewayException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable identifier of the kind of failure, e.g. {@code invalid_request}. */
    public String code() {
        return code;
    }
}
