package dev.computefabric.executor.dispatch;

import java.time.Duration;

/**
 * Tuning of the classic dispatch loop (the share dispatcher's are {@code ShareDispatchOptions}).
 *
 * @param pollTimeout          poll wait while the node can take calls; records end the wait at once
 * @param pausedPollTimeout    poll wait while paused: bounds how long a freed slot stays unused
 * @param commitInterval       the least time between two offset commits
 * @param retryBackoff         wait before trying again after the schema registry or the broker failed
 * @param drainTimeout         on stop, how long running calls may take to finish before they are abandoned
 * @param revokeGrace          when partitions move to another executor, how long their running calls may take
 *                             to finish (and be committed) before the move goes ahead without them
 */
public record DispatchOptions(
        Duration pollTimeout,
        Duration pausedPollTimeout,
        Duration commitInterval,
        Duration retryBackoff,
        Duration drainTimeout,
        Duration revokeGrace) {

    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    public static final Duration DEFAULT_PAUSED_POLL_TIMEOUT = Duration.ofMillis(5);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Short: the new owner waits this long at most. Calls that finish within it are not run twice; longer
     * ones run again on the new owner (execution is at-least-once; the router keeps the first result).
     */
    public static final Duration DEFAULT_REVOKE_GRACE = Duration.ofSeconds(3);

    public DispatchOptions {
        requirePositive("pollTimeout", pollTimeout);
        requirePositive("pausedPollTimeout", pausedPollTimeout);
        requireNonNegative("commitInterval", commitInterval);
        requirePositive("retryBackoff", retryBackoff);
        requirePositive("drainTimeout", drainTimeout);
        requireNonNegative("revokeGrace", revokeGrace);
    }

    public static DispatchOptions defaults() {
        return new DispatchOptions(
                DEFAULT_POLL_TIMEOUT,
                DEFAULT_PAUSED_POLL_TIMEOUT,
                DEFAULT_COMMIT_INTERVAL,
                DEFAULT_RETRY_BACKOFF,
                DEFAULT_DRAIN_TIMEOUT,
                DEFAULT_REVOKE_GRACE);
    }

    public DispatchOptions withDrainTimeout(Duration timeout) {
        return new DispatchOptions(pollTimeout, pausedPollTimeout, commitInterval, retryBackoff, timeout, revokeGrace);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    private static void requireNonNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
