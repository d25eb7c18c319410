package dev.computefabric.gateway.calls;

/** No call with this id is known to this gateway. */
public final class CallNotFoundException extends GatewayException {

    public static final String CODE = "call_not_found";

    private final String callId;

    public CallNotFoundException(String callId) {
        super(
                CODE,
                "no call with id '" + callId + "' is known to this gateway"
                        + " (every gateway answers for the calls it accepted and for every call on fabric.status, while they are"
                        + " among the most recent ones it remembers and within the router's retention)",
                null);
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }
}
