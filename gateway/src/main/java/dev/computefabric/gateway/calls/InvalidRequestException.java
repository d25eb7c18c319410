package dev.computefabric.gateway.calls;

/** The client sent something the gateway cannot accept; the message says what to fix. */
public class InvalidRequestException extends GatewayException {

    public static final String CODE = "invalid_request";

    public InvalidRequestException(String message) {
        this(CODE, message, null);
    }

    protected InvalidRequestException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
