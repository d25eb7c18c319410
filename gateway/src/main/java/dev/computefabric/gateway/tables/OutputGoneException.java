package dev.computefabric.gateway.tables;

import dev.computefabric.gateway.calls.GatewayException;

/** The call's output table was stored, but storage no longer has it (removed, or never completed). */
public final class OutputGoneException extends GatewayException {

    public static final String CODE = "output_gone";

    public OutputGoneException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
