package dev.computefabric.router;

import java.time.Duration;

/**
 * The router's clock-driven work: call deadlines and the retention sweep that keeps its stores bounded.
 *
 * @param tick      how often the wall-clock punctuator looks for due timers; a deadline fires at most this late
 * @param retention how long a terminal call's status (and an orphan early result) is kept after it ended;
 *                  then it is deleted from the store and tombstoned on {@code fabric.status}
 */
public record TimerOptions(Duration tick, Duration retention) {

    /** Deadlines are user-visible: a 100 ms tick keeps TIMED_OUT within ~0.1 s of the deadline at negligible cost. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(100);
    /** Long enough for any client to fetch a result after a long-poll ran out; short enough to bound the stores. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final TimerOptions DEFAULTS = new TimerOptions(DEFAULT_TICK, DEFAULT_RETENTION);

    public TimerOptions {
        requirePositive("tick", tick);
        requirePositive("retention", retention);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
        }
    }
}
