package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * callback, and at every renewal interval {@link #upkeep} commits those no poll carried yet and tells when a carried
 * one is stuck: unconfirmed half an interval after its poll, while a fetch comes back within
 * {@code share.fetch.max.wait.ms} (50 ms). A stuck one leaves with the consumer's next fetch, which the 4.3.1 client
 * sends only for a poll: the lane renews its record in hand with a poll then ({@link Acks#renew(List, boolean)}), or
 * polls once. No fetch is going then (the one that held the acknowledgement back came back with a record), so that
 * poll's fetch carries it at once.
 */
final class PendingAccepts {

    private static final Logger log = LoggerFactory.getLogger(PendingAccepts.class);
    /** Renewal intervals after which an unconfirmed ACCEPT is given up: the record's lock ran out. */
    private static final int GIVEN_UP_AFTER = 3;

    private final ShareConsumer<byte[], byte[]> consumer;
    private final Acks acks;
    /** ACCEPTed for the next poll to carry; no poll has yet. */
    private final List<ConsumerRecord<byte[], byte[]>> unsent = new ArrayList<>();
    /** Carried by a poll, and not confirmed yet: with when that poll was. */
    private final Map<ConsumerRecord<byte[], byte[]>, Instant> carried = new LinkedHashMap<>();

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
        unsent.forEach(record -> carried.put(record, now));
        unsent.clear();
    }

    /**
     * At every renewal interval: commits the ACCEPTs no poll carried (the lane polled another consumer, or waited for
     * a slot), takes in what the broker confirmed since, and returns true when one a poll carried is stuck in the
     * client: still unconfirmed half an {@code interval} after that poll. One unconfirmed {@value #GIVEN_UP_AFTER}
     * intervals after is given up.
     */
    boolean upkeep(Instant now, Duration interval) {
        if (!unsent.isEmpty()) {
            commitUnsent();
        } else if (!carried.isEmpty()) {
            // Nothing to send: the client only hands over the confirmations that came in meanwhile.
            acks.commit(List.of(), AcknowledgeType.ACCEPT);
        }
        boolean stuck = false;
        for (Iterator<Map.Entry<ConsumerRecord<byte[], byte[]>, Instant>> it =
                        carried.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<ConsumerRecord<byte[], byte[]>, Instant> entry = it.next();
            Duration unconfirmed = Duration.between(entry.getValue(), now);
            if (unconfirmed.compareTo(interval.multipliedBy(GIVEN_UP_AFTER)) >= 0) {
                log.warn(
                        "the ACCEPT of {} was not confirmed in {} ms; its lock has run out, and the call may run again"
                                + " elsewhere",
                        Acks.coordinates(entry.getKey()),
                        unconfirmed.toMillis());
                it.remove();
            } else {
                stuck |= unconfirmed.compareTo(interval.dividedBy(2)) >= 0;
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
