package dev.computefabric.executor.dispatch.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When a held record's lock is next due for renewal. */
final class LockClock {

    private final Clock clock;
    private final Duration interval;
    private Instant due;

    LockClock(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
        this.due = clock.instant().plus(interval);
    }

    long millisUntilRenewal() {
        return Math.max(0, Duration.between(clock.instant(), due).toMillis());
    }

    boolean renewalDue() {
        return !clock.instant().isBefore(due);
    }

    void renewed() {
        due = clock.instant().plus(interval);
    }
}
