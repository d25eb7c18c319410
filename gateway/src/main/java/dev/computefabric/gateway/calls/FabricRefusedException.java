package dev.computefabric.gateway.calls;

/**
 * Kafka refused an operation for a reason that retrying will not change (an invalid topic name, a missing
 * authorization, a broker policy): a fault of the fabric's setup or contract, not of the client's request.
 */
public final class FabricRefusedException extends GatewayException {

    public static final String CODE = "fabric_refused";

    public FabricRefusedException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
