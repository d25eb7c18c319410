package dev.computefabric.executor.dispatch.classic;

import dev.computefabric.executor.dispatch.Decoded;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A received record waiting for a slot, with what it decoded to once it was looked at. */
final class PendingCall {

    private final ConsumerRecord<byte[], byte[]> record;
    private final OffsetTracker.Ticket ticket;
    private Decoded decoded;

    PendingCall(ConsumerRecord<byte[], byte[]> record, OffsetTracker.Ticket ticket) {
        this.record = record;
        this.ticket = ticket;
    }

    ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    OffsetTracker.Ticket ticket() {
        return ticket;
    }

    /** The decoding, or null when not decoded yet or last found {@link Decoded.Unavailable}. */
    Decoded decoded() {
        return decoded;
    }

    void decoded(Decoded decoded) {
        this.decoded = decoded;
    }
}
