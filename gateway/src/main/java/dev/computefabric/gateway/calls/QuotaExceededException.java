package dev.computefabric.gateway.calls;

import java.time.Duration;

/** The caller is past one of its limits (calls in flight, calls per second); nothing was queued. */
public final class QuotaExceededException extends GatewayException {

    public static final String CODE = "quota_exceeded";

    private final Duration retryAfter;

    public QuotaExceededException(String message, Duration retryAfter) {
        super(CODE, message, null);
        this.retryAfter = retryAfter;
    }

    /** When a retry may succeed; the answer's {@code Retry-After}, in whole seconds, at least 1. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
