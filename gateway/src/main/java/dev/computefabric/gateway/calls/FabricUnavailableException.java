package dev.computefabric.gateway.calls;

/**
 * A part of the fabric the gateway depends on (Kafka, the schema registry, table storage) did not
 * answer or refused; the call was not accepted and may be retried.
 */
public final class FabricUnavailableException extends GatewayException {

    public static final String CODE = "fabric_unavailable";

    public FabricUnavailableException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
