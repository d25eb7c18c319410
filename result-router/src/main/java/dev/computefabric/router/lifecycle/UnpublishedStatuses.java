package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Non-terminal statuses held back for a grace period, newest per call. A call that ends within it publishes only its
 * end; a longer one publishes its latest status once the grace ran out, and again (at most once per grace) as it
 * changes. Held in memory only: it is a publishing delay, not state, and the store has every status already.
 */
final class UnpublishedStatuses {

    private record Held(Record<String, CallStatus> status, long dueMs) {}

    /** In order of due time: every entry waits the same grace from when it was first held. */
    private final Map<String, Held> byCall = new LinkedHashMap<>();

    /** Holds {@code status} until {@code dueMs}, or replaces the one its call already holds (keeping its due time). */
    void hold(Record<String, CallStatus> status, long dueMs) {
        byCall.merge(status.key(), new Held(status, dueMs), (held, newer) -> new Held(newer.status(), held.dueMs()));
    }

    /** The call ended: what it held is superseded by its end. */
    void forget(String callId) {
        byCall.remove(callId);
    }

    /** Removes and returns the statuses due by {@code nowMs}, in the order they were first held. */
    List<Record<String, CallStatus>> takeDue(long nowMs) {
        List<Record<String, CallStatus>> due = new ArrayList<>();
        Iterator<Held> held = byCall.values().iterator();
        while (held.hasNext()) {
            Held next = held.next();
            if (next.dueMs() > nowMs) {
                break;
            }
            due.add(next.status());
            held.remove();
        }
        return due;
    }
}
