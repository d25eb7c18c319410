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
 * @param statusGrace how long a call's non-terminal status (ACCEPTED, RUNNING, progress) waits before it goes to
 *                  {@code fabric.status}: a call that ends sooner publishes only its end, the status of a longer
 *                  one appears this much (plus up to a tick) late. Terminal statuses and replies never wait.
 */
public record TimerOptions(Duration tick, Duration retention, Duration maxLifetime, Duration statusGrace) {

    /** Deadlines are user-visible: a 100 ms tick keeps TIMED_OUT within ~0.1 s of the deadline at negligible cost. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(100);
    /** Long enough for any client to fetch a result after a long-poll ran out; short enough to bound the stores. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** A day: far beyond any call this fabric is built for, short enough that a lost call does not linger. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    /**
     * Most calls of a busy fabric end within 100 ms; publishing only their end cut the status records per call from
     * three to one (docs/benchmarks.md). A watcher of a longer call sees it 0.1-0.2 s later than it happened.
     */
    public static final Duration DEFAULT_STATUS_GRACE = Duration.ofMillis(100);

    public static final TimerOptions DEFAULTS =
            new TimerOptions(DEFAULT_TICK, DEFAULT_RETENTION, DEFAULT_MAX_LIFETIME, DEFAULT_STATUS_GRACE);

    public TimerOptions {
        requirePositive("tick", tick);
        requirePositive("retention", retention);
        requirePositive("maxLifetime", maxLifetime);
        if (statusGrace == null || statusGrace.isNegative()) {
            throw new IllegalArgumentException("statusGrace must be zero or a positive duration, got " + statusGrace);
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
        }
    }
}
