package dev.computefabric.executor.dispatch.classic;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records received but not started, in arrival order. Its size is bounded by {@code max.poll.records}:
 * the dispatcher pauses the consumer whenever the backlog is not empty, so at most one poll's worth waits.
 * The head is never skipped for a smaller call behind it, so a call needing many slots cannot starve.
 */
final class Backlog {

    private final Deque<PendingCall> calls = new ArrayDeque<>();

    void add(ConsumerRecord<byte[], byte[]> record, OffsetTracker.Ticket ticket) {
        calls.addLast(new PendingCall(record, ticket));
    }

    PendingCall peek() {
        return calls.peekFirst();
    }

    PendingCall poll() {
        return calls.pollFirst();
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    int size() {
        return calls.size();
    }

    /** Forgets the records of partitions this node no longer owns; their new owner reads them again. */
    int drop(Collection<org.apache.kafka.common.TopicPartition> partitions) {
        int before = calls.size();
        calls.removeIf(call -> partitions.contains(call.ticket().partition()));
        return before - calls.size();
    }

    /** Forgets every record: on shutdown, calls not started are left for other executors. */
    int clear() {
        int dropped = calls.size();
        calls.clear();
        return dropped;
    }
}
