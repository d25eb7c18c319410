package dev.computefabric.executor.dispatch.share;

import java.time.Duration;

/**
 * Tuning of share-group dispatch.
 *
 * @param pollTimeout       how long one lane's poll waits for a record
 * @param topicRefresh      how often the capability topics are listed again (share consumers cannot subscribe by pattern)
 * @param maxDeliveries     a record delivered this often is failed and dead-lettered instead of run; keep it at
 *                          the group's {@code share.delivery.count.limit} (default 5), after which the broker
 *                          would archive the record silently
 * @param defaultLock       assumed acquisition lock when the broker has not told the consumer yet
 * @param ackTimeout        how long an acknowledgement (or a lock renewal) may take to be confirmed
 * @param retryBackoff      wait before decoding again while the schema registry is unreachable
 * @param drainTimeout      on stop, how long running calls may take to finish before they are handed back
 * @param fairEvery         every this many takes a lane looks at the lower priority levels first, so they are
 *                          never starved ({@link TakeOrder})
 */
public record ShareDispatchOptions(
        Duration pollTimeout,
        Duration topicRefresh,
        int maxDeliveries,
        Duration defaultLock,
        Duration ackTimeout,
        Duration retryBackoff,
        Duration drainTimeout,
        int fairEvery) {

    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    public static final Duration DEFAULT_TOPIC_REFRESH = Duration.ofSeconds(3);
    /** The broker's default {@code share.delivery.count.limit}. */
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    /** The broker's default {@code share.record.lock.duration.ms}. */
    public static final Duration DEFAULT_LOCK = Duration.ofSeconds(30);

    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** One take in ten goes to a lower level first: a HIGH call behind a backlog waits at most one extra call. */
    public static final int DEFAULT_FAIR_EVERY = 10;

    public ShareDispatchOptions {
        requirePositive("pollTimeout", pollTimeout);
        requirePositive("topicRefresh", topicRefresh);
        if (maxDeliveries < 2) {
            throw new IllegalArgumentException(
                    "maxDeliveries must be >= 2 (the broker's limit is 2..10), got " + maxDeliveries);
        }
        requirePositive("defaultLock", defaultLock);
        requirePositive("ackTimeout", ackTimeout);
        requirePositive("retryBackoff", retryBackoff);
        requirePositive("drainTimeout", drainTimeout);
        if (fairEvery < 2) {
            throw new IllegalArgumentException(
                    "fairEvery must be >= 2 (1 would look at the lower levels first on every take), got " + fairEvery);
        }
    }

    public static ShareDispatchOptions defaults() {
        return new ShareDispatchOptions(
                DEFAULT_POLL_TIMEOUT,
                DEFAULT_TOPIC_REFRESH,
                DEFAULT_MAX_DELIVERIES,
                DEFAULT_LOCK,
                DEFAULT_ACK_TIMEOUT,
                DEFAULT_RETRY_BACKOFF,
                DEFAULT_DRAIN_TIMEOUT,
                DEFAULT_FAIR_EVERY);
    }

    public ShareDispatchOptions with(int maxDeliveries, Duration drainTimeout) {
        return new ShareDispatchOptions(
                pollTimeout,
                topicRefresh,
                maxDeliveries,
                defaultLock,
                ackTimeout,
                retryBackoff,
                drainTimeout,
                fairEvery);
    }

    /** Renew at a third of the lock: two renewals may fail or be late before the lock runs out. */
    static Duration renewInterval(Duration lock) {
        return lock.dividedBy(3);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
