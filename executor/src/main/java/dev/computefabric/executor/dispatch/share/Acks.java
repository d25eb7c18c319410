package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
final class Acks {

    private static final Logger log = LoggerFactory.getLogger(Acks.class);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    Acks(ShareConsumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
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
        try {
            consumer.acknowledge(record, type);
        } catch (IllegalStateException e) {
            log.warn(
                    "cannot {} {}: the record is no longer held here (its lock expired): {}",
                    type,
                    coordinates(record),
                    e.getMessage());
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
     * Extends the lock on {@code record}; true once the broker renewed it. False when it did not (the lock may be
     * lost; the call goes on, and its acknowledgement will tell).
     */
    boolean renew(ConsumerRecord<byte[], byte[]> record) {
        return !renew(List.of(record)).isEmpty();
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
     */
    List<ConsumerRecord<byte[], byte[]>> renew(List<ConsumerRecord<byte[], byte[]>> records) {
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
        List<ConsumerRecord<byte[], byte[]>> back = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> returned : consumer.poll(Duration.ZERO)) {
            Optional<ConsumerRecord<byte[], byte[]>> ours =
                    confirmed.stream().filter(r -> sameRecord(r, returned)).findFirst();
            if (ours.isPresent()) {
                back.add(ours.get());
            } else {
                // Unreachable while renewals are confirmed before this poll (it then returns them and fetches
                // nothing). Held now, so it must be acknowledged; handed back once, never run here.
                log.error(
                        "taking back renewed records returned {} (delivery {}); releasing it",
                        coordinates(returned),
                        returned.deliveryCount().map(String::valueOf).orElse("?"));
                settle(returned, AcknowledgeType.RELEASE);
            }
        }
        if (back.size() < confirmed.size()) {
            log.warn("renewed records did not all come back: asked {}, back {}", describe(confirmed), describe(back));
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
