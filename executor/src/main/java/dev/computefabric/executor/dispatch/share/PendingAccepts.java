package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.TopicIdPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's ACCEPTs left for its next poll, followed until the broker confirmed them.
 *
 * <p>A finished call's ACCEPT goes with the consumer's next poll: its fetch request carries it, where a commit would
 * cost a request of its own (a quarter of the Kafka path's throughput, docs/benchmarks.md, "7 December"). The 4.3.1
 * client's trap: acknowledgements a poll hands over while a fetch is still going wait for a later fetch, and when the
 * going fetch acquires a record the client sends none until the consumer polls again, after that record's whole call
 * (docs/architecture.md, "Acknowledgements"). So each one is followed through the consumer's acknowledgement commit
 * callback, and {@link #upkeep} commits those no poll carried yet and tells when a carried one is stuck: unconfirmed
 * {@link #stuckAfter} its poll, while a fetch comes back within the lanes' longest wait at the broker (500 ms). A stuck
 * one leaves with the consumer's next fetch, which the 4.3.1 client sends only for a poll: the lane renews its record
 * in hand with a poll then ({@link Acks#renew(List, boolean)}), or polls once. No fetch is going then (the one that
 * held the acknowledgement back came back with a record), so that poll's fetch carries it at once. The lane looks
 * at the renewal interval and also at {@link #nextLook}: a node that dies while a finished call's ACCEPT waits in
 * its client leaves that call to run again elsewhere, so the wait is a second, not a renewal interval (10 s with
 * Kafka's 30 s lock; docs/architecture.md, "Acknowledgements").
 */
final class PendingAccepts {

    private static final Logger log = LoggerFactory.getLogger(PendingAccepts.class);
    /** Renewal intervals after which an unconfirmed ACCEPT is given up: the record's lock ran out. */
    private static final int GIVEN_UP_AFTER = 3;
    /** How long a carried ACCEPT may go unconfirmed before it is stuck: twice the lanes' longest fetch wait. */
    static final Duration PATIENCE = Duration.ofSeconds(1);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final Acks acks;
    /** ACCEPTed for the next poll to carry; no poll has yet. */
    private final List<ConsumerRecord<byte[], byte[]>> unsent = new ArrayList<>();
    /** Carried by a poll, and not confirmed yet. */
    private final Map<ConsumerRecord<byte[], byte[]>, Carried> carried = new LinkedHashMap<>();

    /** When a poll carried an ACCEPT, and when it last went out (that poll, or a fetch the lane sent for it since). */
    private record Carried(Instant polled, Instant sent) {}

    PendingAccepts(ShareConsumer<byte[], byte[]> consumer, Acks acks) {
        this.consumer = consumer;
        this.acks = acks;
        consumer.setAcknowledgementCommitCallback(this::completed);
    }

    /**
     * ACCEPTs {@code record} for the consumer's next poll to carry, with no request of its own; nothing when the record
     * is no longer held here (its lock expired).
     */
    void acceptWithNextPoll(ConsumerRecord<byte[], byte[]> record) {
        if (acks.acknowledge(record, AcknowledgeType.ACCEPT)) {
            unsent.add(record);
        }
    }

    /** To be called before every poll of the consumer: the ACCEPTs waiting for it go with it. */
    void polling(Instant now) {
        unsent.forEach(record -> carried.put(record, new Carried(now, now)));
        unsent.clear();
    }

    /** How long a carried ACCEPT may go unconfirmed: {@link #PATIENCE}, or half a renewal interval if that is less. */
    static Duration stuckAfter(Duration interval) {
        Duration half = interval.dividedBy(2);
        return half.compareTo(PATIENCE) < 0 ? half : PATIENCE;
    }

    /** When one of the ACCEPTs polls carried would be stuck if still unconfirmed; empty when none is followed. */
    Optional<Instant> nextLook(Duration interval) {
        Duration after = stuckAfter(interval);
        return carried.values().stream()
                .map(followed -> followed.sent().plus(after))
                .min(Comparator.naturalOrder());
    }

    /**
     * At every renewal interval, and at {@link #nextLook}: commits the ACCEPTs no poll carried (the lane polled another
     * consumer, or waited for a slot), takes in what the broker confirmed since, and returns true when one a poll
     * carried is stuck in the client: still unconfirmed {@link #stuckAfter} it last went out. The caller then sends a
     * fetch, which carries it: it counts as sent now. One unconfirmed {@value #GIVEN_UP_AFTER} renewal intervals
     * after its poll is given up.
     */
    boolean upkeep(Instant now, Duration interval) {
        if (!unsent.isEmpty()) {
            commitUnsent();
        } else if (!carried.isEmpty()) {
            // Nothing to send: the client only hands over the confirmations that came in meanwhile.
            acks.commit(List.of(), AcknowledgeType.ACCEPT);
        }
        boolean stuck = false;
        for (Iterator<Map.Entry<ConsumerRecord<byte[], byte[]>, Carried>> it =
                        carried.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<ConsumerRecord<byte[], byte[]>, Carried> entry = it.next();
            Duration unconfirmed = Duration.between(entry.getValue().polled(), now);
            if (unconfirmed.compareTo(interval.multipliedBy(GIVEN_UP_AFTER)) >= 0) {
                log.warn(
                        "the ACCEPT of {} was not confirmed in {} ms; its lock has run out, and the call may run again"
                                + " elsewhere",
                        Acks.coordinates(entry.getKey()),
                        unconfirmed.toMillis());
                it.remove();
            } else if (Duration.between(entry.getValue().sent(), now).compareTo(stuckAfter(interval)) >= 0) {
                stuck = true;
                entry.setValue(new Carried(entry.getValue().polled(), now));
            }
        }
        if (stuck) {
            log.info(
                    "ACCEPT of {} held back in the client behind a fetch; sending it with a fetch of its own",
                    Acks.describe(List.copyOf(carried.keySet())));
        }
        return stuck;
    }

    /** Commits the ACCEPTs no poll carried yet, for a consumer about to unsubscribe or close. */
    void commitUnsent() {
        if (!unsent.isEmpty()) {
            acks.commit(unsent, AcknowledgeType.ACCEPT);
            unsent.clear();
        }
    }

    /** The consumer's acknowledgement commit callback: an ACCEPT followed here was confirmed or refused. */
    private void completed(Map<TopicIdPartition, Set<Long>> offsets, Exception refusal) {
        offsets.forEach((partition, done) -> carried.keySet().removeIf(record -> {
            boolean ours = done.contains(record.offset()) && Acks.isOn(record, partition);
            if (ours && refusal != null) {
                log.warn(
                        "ACCEPT of {} was refused{}: {}",
                        Acks.coordinates(record),
                        Acks.whatFollows(AcknowledgeType.ACCEPT),
                        refusal.toString());
            }
            return ours;
        }));
    }
}
