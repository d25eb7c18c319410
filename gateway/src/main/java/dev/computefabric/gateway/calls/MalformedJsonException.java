package dev.computefabric.gateway.calls;

/** The request body is not JSON at all (as opposed to JSON with a wrong field). */
public final class MalformedJsonException extends InvalidRequestException {

    public static final String CODE = "malformed_json";

    public MalformedJsonException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
