package dev.computefabric.kafka;

import java.time.Duration;

/** One bound shared by the steps of a provisioning call (list, create, describe, wait), on the monotonic clock. */
record Deadline(long atNanos, Duration timeout) {

    /** Admin futures are asked to wait at least this long, so a passed deadline still gets an answer already there. */
    private static final long MIN_WAIT_NANOS = 1_000_000;

    static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    long remainingNanos() {
        return Math.max(MIN_WAIT_NANOS, atNanos - System.nanoTime());
    }

    boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }
}
