package dev.computefabric.gateway.calls;

/**
 * A node declared a function the gateway cannot route, e.g. with a capability tag that cannot name a capability
 * topic. The caller cannot fix it; the node's operator can.
 */
public final class FunctionMisdeclaredException extends GatewayException {

    public static final String CODE = "function_misdeclared";

    public FunctionMisdeclaredException(String message) {
        super(CODE, message, null);
    }
}
