package dev.computefabric.gateway.calls;

/** The policy grants the caller no call of this function with these capabilities; nothing was queued. */
public final class CallForbiddenException extends GatewayException {

    public static final String CODE = "call_forbidden";

    public CallForbiddenException(String message) {
        super(CODE, message, null);
    }
}
