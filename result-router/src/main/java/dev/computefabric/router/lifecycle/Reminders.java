package dev.computefabric.router.lifecycle;

import org.apache.kafka.common.header.Headers;

/**
 * How the lifecycle tells the result cache and a pipeline a call's end again because another run of the call ended
 * ({@link Decision.Verdict#REMIND}), not because the record that ended it was read again: the end carries the header
 * {@value #HEADER}, and a follower that already has that end changes nothing and sends nothing again.
 */
public final class Reminders {

    public static final String HEADER = "fabric-reminder";

    private Reminders() {}

    /** {@code headers} with the reminder's mark. */
    static Headers mark(Headers headers) {
        return headers.add(HEADER, new byte[0]);
    }

    /** Whether {@code headers} mark a call's end as a reminder. */
    public static boolean isReminder(Headers headers) {
        return headers.lastHeader(HEADER) != null;
    }
}
