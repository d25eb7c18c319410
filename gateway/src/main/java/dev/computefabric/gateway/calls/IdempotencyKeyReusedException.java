package dev.computefabric.gateway.calls;

/** An {@code Idempotency-Key} sent again with a different call: a retry must repeat the call it retries. */
public final class IdempotencyKeyReusedException extends GatewayException {

    public static final String CODE = "idempotency_key_reused";

    public IdempotencyKeyReusedException(String key, CallSnapshot earlier) {
        super(
                CODE,
                "Idempotency-Key '" + key + "' was first sent with a call to '" + earlier.function() + "' (call "
                        + earlier.callId() + "); a retry must send the same call, and a new call needs a new key",
                null);
    }
}
