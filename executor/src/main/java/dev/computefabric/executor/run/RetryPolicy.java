package dev.computefabric.executor.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.schemas.StrictJson;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How often a retryable failure is tried again, and how long to wait in between: {@code initialBackoff},
 * doubling per retry, capped at {@code maxBackoff}. The limit is the call's own {@code "retry": {"max": N}}
 * in its args (0 = never retry, at most {@link #MAX_RETRIES_PER_CALL}), else the function's default, else
 * this policy's.
 *
 * @param maxRetries     retries after the first attempt when the call does not say
 * @param initialBackoff wait before the first retry
 * @param maxBackoff     longest wait between two attempts
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** A per-call limit above this is a mistake, not a policy. */
    public static final int MAX_RETRIES_PER_CALL = 20;
    /** The args key a call uses to set its own limit. */
    public static final String ARGS_KEY = "retry";

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_PER_CALL) {
            throw new IllegalArgumentException("maxRetries must be 0.." + MAX_RETRIES_PER_CALL + ", got " + maxRetries);
        }
        if (initialBackoff == null
                || initialBackoff.isNegative()
                || maxBackoff == null
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public RetryPolicy withMaxRetries(int max) {
        return new RetryPolicy(max, initialBackoff, maxBackoff);
    }

    /** The retries {@code call} may have: its own {@code retry.max}, else {@code functionDefault}, else this policy's. */
    public int maxRetriesFor(FuncCall call, OptionalInt functionDefault) {
        try {
            JsonNode max = JSON.readTree(call.getArgs() == null ? "{}" : call.getArgs())
                    .path(ARGS_KEY)
                    .path("max");
            if (max.canConvertToInt() && max.isIntegralNumber()) {
                return Math.max(0, Math.min(MAX_RETRIES_PER_CALL, max.intValue()));
            }
        } catch (Exception e) {
            // Unreadable args fail the call in the function itself, with a message that says why.
        }
        return functionDefault.isPresent() ? Math.min(MAX_RETRIES_PER_CALL, functionDefault.getAsInt()) : maxRetries;
    }

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration backoff(int retry) {
        Duration wait = initialBackoff;
        for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
