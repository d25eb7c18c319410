package dev.computefabric.tables.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule of the retention sweep for one stored table: kept while referenced, or while it was written or
 * leased (reused) within the retention period; removed otherwise.
 */
public enum Retention {

    /** A live call, a kept call status or a recent call names it. */
    REFERENCED,
    /** Written or leased within the retention period: it may be about to be referenced (an upload, a reuse). */
    RECENT,
    /** Neither: remove it. */
    EXPIRED;

    /**
     * @param written  the object's last-modified time
     * @param leased   its lease's last-modified time, or null when it has none
     */
    public static Retention of(boolean referenced, Instant written, Instant leased, Instant now, Duration retention) {
        if (referenced) {
            return REFERENCED;
        }
        return isRecent(written, now, retention) || (leased != null && isRecent(leased, now, retention))
                ? RECENT
                : EXPIRED;
    }

    /** Whether something that happened at {@code at} is within the retention period before {@code now}. */
    public static boolean isRecent(Instant at, Instant now, Duration retention) {
        return at.isAfter(now.minus(retention));
    }
}
