package dev.computefabric.router.timers;

import java.time.Duration;

/**
 * The router's clock-driven work: call deadlines, the retention sweep that keeps its stores bounded, and the
 * expiry of cached results.
 *
 * @param tick      how often the wall-clock punctuators look for due timers; a deadline fires at most this late
 * @param retention how long a terminal call's status (and an orphan early result) is kept after it ended;
 *                  then it is deleted from the store and tombstoned on {@code fabric.status}; it also caps cache TTLs
 * @param maxLifetime the deadline of a call that names no timeout: an accepted call always ends, even when
 *                  the executor running it vanished for good and nothing redelivers it
 */
public record TimerOptions(Duration tick, Duration retention, Duration maxLifetime) {

    /** Deadlines are user-visible: a 100 ms tick keeps TIMED_OUT within ~0.1 s of the deadline at negligible cost. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(100);
    /** Long enough for any client to fetch a result after a long-poll ran out; short enough to bound the stores. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** A day: far beyond any call this fabric is built for, short enough that a lost call does not linger. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    public static final TimerOptions DEFAULTS = new TimerOptions(DEFAULT_TICK, DEFAULT_RETENTION, DEFAULT_MAX_LIFETIME);

    public TimerOptions {
        requirePositive("tick", tick);
        requirePositive("retention", retention);
        requirePositive("maxLifetime", maxLifetime);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
        }
    }
}
