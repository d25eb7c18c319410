package dev.computefabric.gateway.tables;

import dev.computefabric.gateway.calls.GatewayException;

/** The call exists but has no output table of that name (yet): it has not finished, or names others. */
public final class OutputNotFoundException extends GatewayException {

    public static final String CODE = "output_not_found";

    public OutputNotFoundException(String message) {
        super(CODE, message, null);
    }
}
