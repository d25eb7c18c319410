package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges one consumer's records and keeps their acquisition locks alive. With explicit acknowledgement the
 * 4.3 client refuses to poll again until every record of the last poll is acknowledged, and after a RENEW it
 * hands the renewed record back from the next poll: so renewing is "RENEW, commit, poll(0) to take it back".
 *
 * <p>A finished call's ACCEPT goes with the consumer's next poll ({@link #acceptWithNextPoll}): its fetch request
 * carries it, where a commit would cost a request of its own (a quarter of the Kafka path's throughput,
 * docs/benchmarks.md, "7 December"). The 4.3.1 client's trap: acknowledgements a poll hands over while a fetch is
 * still going wait for a later fetch, and when the going fetch acquires a record the client sends none until the
 * consumer polls again, after that record's whole call (docs/architecture.md, "Acknowledgements"). So each one is
 * followed until the broker confirmed it (the consumer's acknowledgement commit callback), and at every renewal
 * interval {@link #upkeep} commits those no poll carried yet and tells when a carried one is stuck: unconfirmed
 * half an interval after its poll, while a fetch comes back within {@code share.fetch.max.wait.ms} (50 ms). A stuck one
 * leaves with the consumer's next fetch, which the 4.3.1 client sends only for a poll: the lane renews its record
 * in hand with a poll then ({@link #renew(List, boolean)}), or polls once. No fetch is going then (the one that
 * held the acknowledgement back came back with a record), so that poll's fetch carries it at once.
 */
final class Acks {

    private static final Logger log = LoggerFactory.getLogger(Acks.class);
    /** Renewal intervals after which an unconfirmed acknowledgement is given up: the record's lock ran out. */
    private static final int GIVEN_UP_AFTER = 3;

    private static final Duration TAKE_BACK_WAIT = Duration.ofMillis(5);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    /** ACCEPTed for the next poll to carry; no poll has yet. */
    private final List<ConsumerRecord<byte[], byte[]>> unsent = new ArrayList<>();
    /** Carried by a poll, and not confirmed yet: with when that poll was. */
    private final Map<ConsumerRecord<byte[], byte[]>, Instant> carried = new LinkedHashMap<>();

    Acks(ShareConsumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
        consumer.setAcknowledgementCommitCallback(this::completed);
    }

    /** How long the broker locks an acquired record, as it last said. */
    Optional<Duration> lockDuration() {
        return consumer.acquisitionLockTimeoutMs().map(Duration::ofMillis);
    }

    /**
     * Acknowledges {@code record} as {@code type} and waits until the broker confirmed it. False when the
     * record was no longer ours (its lock ran out, so another executor may have it) or the broker refused.
     */
    boolean settle(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
        if (!acknowledge(record, type)) {
            return false;
        }
        try {
            Map<TopicIdPartition, Optional<KafkaException>> outcome = consumer.commitSync(timeout);
            for (Optional<KafkaException> error : outcome.values()) {
                if (error.isPresent()) {
                    log.warn(
                            "{} of {} was refused: {}",
                            type,
                            coordinates(record),
                            error.get().toString());
                    return false;
                }
            }
            return true;
        } catch (KafkaException e) {
            log.warn("{} of {} not confirmed: {}", type, coordinates(record), e.toString());
            return false;
        }
    }

    /**
     * ACCEPTs {@code record} for the consumer's next poll to carry, with no request of its own; nothing when the record
     * is no longer held here (its lock expired).
     */
    void acceptWithNextPoll(ConsumerRecord<byte[], byte[]> record) {
        if (acknowledge(record, AcknowledgeType.ACCEPT)) {
            unsent.add(record);
        }
    }

    /** Gives the client {@code type} for {@code record}, to send later; false when the record is no longer held. */
    private boolean acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
        try {
            consumer.acknowledge(record, type);
            return true;
        } catch (IllegalStateException e) {
            log.warn(
                    "cannot {} {}: the record is no longer held here (its lock expired): {}",
                    type,
                    coordinates(record),
                    e.getMessage());
            return false;
        }
    }

    /** To be called before every poll of the consumer: the acknowledgements waiting for it go with it. */
    void polling(Instant now) {
        unsent.forEach(record -> carried.put(record, now));
        unsent.clear();
    }

    /**
     * At every renewal interval: commits the acknowledgements no poll carried (the lane polled another consumer, or
     * waited for a slot), takes in what the broker confirmed since, and returns true when one a poll carried is stuck
     * in the client: still unconfirmed half an {@code interval} after that poll. One unconfirmed
     * {@value #GIVEN_UP_AFTER} intervals after is given up.
     */
    boolean upkeep(Instant now, Duration interval) {
        if (!unsent.isEmpty()) {
            commitUnsent();
        } else if (!carried.isEmpty()) {
            // Nothing to send: the client only hands over the confirmations that came in meanwhile.
            consumer.commitSync(timeout);
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
                        coordinates(entry.getKey()),
                        unconfirmed.toMillis());
                it.remove();
            } else {
                stuck |= unconfirmed.compareTo(interval.dividedBy(2)) >= 0;
            }
        }
        if (stuck) {
            log.info(
                    "ACCEPT of {} held back in the client behind a fetch; sending it with a fetch of its own",
                    describe(List.copyOf(carried.keySet())));
        }
        return stuck;
    }

    /** Commits the acknowledgements no poll carried yet, for a consumer about to unsubscribe or close. */
    void commitUnsent() {
        if (!unsent.isEmpty()) {
            commit(unsent);
            unsent.clear();
        }
    }

    private void commit(List<ConsumerRecord<byte[], byte[]>> records) {
        try {
            Map<TopicIdPartition, Optional<KafkaException>> outcome = consumer.commitSync(timeout);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                refusalFor(outcome, record)
                        .ifPresent(refusal -> log.warn("ACCEPT of {} was refused: {}", coordinates(record), refusal));
            }
        } catch (KafkaException e) {
            log.warn("ACCEPT of {} not confirmed: {}", describe(records), e.toString());
        }
    }

    /** The consumer's acknowledgement commit callback: an acknowledgement followed here was confirmed or refused. */
    private void completed(Map<TopicIdPartition, Set<Long>> offsets, Exception refusal) {
        offsets.forEach((partition, done) -> carried.keySet().removeIf(record -> {
            boolean ours = done.contains(record.offset())
                    && record.partition() == partition.partition()
                    && record.topic().equals(partition.topic());
            if (ours && refusal != null) {
                log.warn("ACCEPT of {} was refused: {}", coordinates(record), refusal.toString());
            }
            return ours;
        }));
    }

    /**
     * Extends the lock on {@code record}; true once the broker renewed it. False when it did not (the lock may be
     * lost; the call goes on, and its acknowledgement will tell).
     */
    boolean renew(ConsumerRecord<byte[], byte[]> record) {
        return !renew(List.of(record), false).isEmpty();
    }

    /**
     * Extends the locks on {@code records} (every record this consumer returned and nobody acknowledged yet) and
     * returns those the broker renewed, which are held again.
     *
     * <p>The renewal goes out on its own ({@code commitSync}), never with a poll: a poll that carries a RENEW also
     * sends a fetch, and the 4.3 client keeps that fetch going after the renewal, so the consumer acquires the next
     * queued record in the background and keeps it out of sight until the call it holds is acknowledged. Measured on
     * 4.3.1 with a 2 s lock: a consumer renewing one record took every other queued record of its partition again
     * and again as their locks ran out (deliveries 1, 2, 3, 4 within 12 s), while another member got none. Once the
     * broker confirmed the renewal, {@code poll(0)} hands the renewed records back without fetching. It is not
     * polled when no record was renewed: that poll would fetch.
     *
     * <p>The exception, {@code withAFetch}: an acknowledgement stuck in the client ({@link #upkeep}) leaves only with
     * a fetch, so the renewal goes with a poll then, its fetch carrying both, and the records come back once the
     * broker renewed them (within the acknowledgement timeout). That fetch may acquire the next record while the
     * call runs: one delivery at risk, against a call run twice.
     */
    List<ConsumerRecord<byte[], byte[]>> renew(List<ConsumerRecord<byte[], byte[]>> records, boolean withAFetch) {
        List<ConsumerRecord<byte[], byte[]>> asked = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                consumer.acknowledge(record, AcknowledgeType.RENEW);
                asked.add(record);
            } catch (IllegalStateException e) {
                log.warn(
                        "cannot renew the lock of {}: it is no longer held here: {}",
                        coordinates(record),
                        e.getMessage());
            }
        }
        if (asked.isEmpty()) {
            return List.of();
        }
        if (withAFetch) {
            return takeBack(asked, timeout);
        }
        Map<TopicIdPartition, Optional<KafkaException>> outcome;
        try {
            outcome = consumer.commitSync(timeout);
        } catch (KafkaException e) {
            log.warn("the renewal of {} was not confirmed: {}", describe(asked), e.toString());
            return List.of();
        }
        List<ConsumerRecord<byte[], byte[]>> confirmed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : asked) {
            Optional<KafkaException> refusal = refusalFor(outcome, record);
            if (refusal.isPresent()) {
                log.warn(
                        "the lock of {} was not renewed: {}; another executor may have it",
                        coordinates(record),
                        refusal.get().toString());
            } else {
                confirmed.add(record);
            }
        }
        if (confirmed.isEmpty()) {
            return List.of();
        }
        return takeBack(confirmed, Duration.ZERO);
    }

    /**
     * Polls until the renewed records come back, for at most {@code within} after the first poll; returns those that
     * did. Nothing else can come back while a renewal is pending (the client hands out no new record then); one that
     * does anyway is held now, so it is handed back once, never run here.
     */
    private List<ConsumerRecord<byte[], byte[]>> takeBack(
            List<ConsumerRecord<byte[], byte[]>> renewed, Duration within) {
        List<ConsumerRecord<byte[], byte[]>> back = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        do {
            Duration wait = within.isZero() ? Duration.ZERO : TAKE_BACK_WAIT;
            for (ConsumerRecord<byte[], byte[]> returned : consumer.poll(wait)) {
                Optional<ConsumerRecord<byte[], byte[]>> ours =
                        renewed.stream().filter(r -> sameRecord(r, returned)).findFirst();
                if (ours.isPresent()) {
                    back.add(ours.get());
                } else {
                    log.error(
                            "taking back renewed records returned {} (delivery {}); releasing it",
                            coordinates(returned),
                            returned.deliveryCount().map(String::valueOf).orElse("?"));
                    settle(returned, AcknowledgeType.RELEASE);
                }
            }
        } while (back.isEmpty() && System.nanoTime() - deadline < 0);
        if (back.size() < renewed.size()) {
            log.warn("renewed records did not all come back: asked {}, back {}", describe(renewed), describe(back));
        }
        return back;
    }

    private static Optional<KafkaException> refusalFor(
            Map<TopicIdPartition, Optional<KafkaException>> outcome, ConsumerRecord<?, ?> record) {
        for (Map.Entry<TopicIdPartition, Optional<KafkaException>> entry : outcome.entrySet()) {
            TopicIdPartition partition = entry.getKey();
            if (partition.partition() == record.partition() && record.topic().equals(partition.topic())) {
                return entry.getValue();
            }
        }
        return Optional.empty();
    }

    private static String describe(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(Acks::coordinates).toList().toString();
    }

    static boolean sameRecord(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
        return a.offset() == b.offset()
                && a.partition() == b.partition()
                && a.topic().equals(b.topic());
    }

    static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
