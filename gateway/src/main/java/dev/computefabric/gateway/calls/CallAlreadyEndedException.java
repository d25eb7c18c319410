package dev.computefabric.gateway.calls;

import dev.computefabric.avro.CallState;

/** A cancel for a call that is already terminal: terminal states are final, there is nothing to cancel. */
public final class CallAlreadyEndedException extends GatewayException {

    public static final String CODE = "call_already_ended";

    public CallAlreadyEndedException(String callId, CallState state) {
        super(CODE, "call '" + callId + "' already ended as " + state + "; an ended call cannot be cancelled", null);
    }
}
