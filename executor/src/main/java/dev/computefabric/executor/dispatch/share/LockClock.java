package dev.computefabric.executor.dispatch.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * When held records' locks are next due for renewal: a renewal interval after the last renewal, the interval as it
 * is now (the broker tells the lock duration with the first record it hands out, which may be long after this
 * clock started counting).
 */
final class LockClock {

    private final Clock clock;
    private final Supplier<Duration> interval;
    private Instant last;

    LockClock(Clock clock, Supplier<Duration> interval) {
        this.clock = clock;
        this.interval = interval;
        this.last = clock.instant();
    }

    long millisUntilRenewal() {
        return Math.max(
                0, Duration.between(clock.instant(), last.plus(interval.get())).toMillis());
    }

    boolean renewalDue() {
        return millisUntilRenewal() == 0;
    }

    /** Renewed, counting from {@code at} (when the renewal began). */
    void renewedAt(Instant at) {
        last = at;
    }
}
