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
 * hands the renewed record back from the next poll: so renewing is "RENEW, commit, poll(0) to take it back". A
 * finished call's ACCEPT is not settled here but left for the next poll ({@link PendingAccepts}).
 */
final class Acks {

    private static final Logger log = LoggerFactory.getLogger(Acks.class);
    private static final Duration TAKE_BACK_WAIT = Duration.ofMillis(5);

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
        return acknowledge(record, type) && !commit(List.of(record), type).isEmpty();
    }

    /** Gives the client {@code type} for {@code record}, to send later; false when the record is no longer held. */
    boolean acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
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

    /**
     * Sends every acknowledgement given to the client and waits for the broker; returns those of {@code records} it
     * confirmed. A refusal or a failure is logged as one of {@code type}.
     */
    List<ConsumerRecord<byte[], byte[]>> commit(List<ConsumerRecord<byte[], byte[]>> records, AcknowledgeType type) {
        Map<TopicIdPartition, Optional<KafkaException>> outcome;
        try {
            outcome = consumer.commitSync(timeout);
        } catch (KafkaException e) {
            log.warn("{} of {} not confirmed: {}", type.name(), describe(records), e.toString());
            return List.of();
        }
        List<ConsumerRecord<byte[], byte[]>> confirmed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Optional<KafkaException> refusal = refusalFor(outcome, record);
            if (refusal.isPresent()) {
                log.warn(
                        "{} of {} was refused{}: {}",
                        type.name(),
                        coordinates(record),
                        whatFollows(type),
                        refusal.get().toString());
            } else {
                confirmed.add(record);
            }
        }
        return confirmed;
    }

    /** What a refused acknowledgement of {@code type} means for its call, for the log. */
    static String whatFollows(AcknowledgeType type) {
        return switch (type) {
            case RENEW -> " (its lock runs out: another executor may have the record, or get it and run the call too)";
            case ACCEPT, REJECT -> " (its lock had run out: the call may run again elsewhere)";
            default -> "";
        };
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
     * <p>The exception, {@code withAFetch}: an ACCEPT stuck in the client ({@link PendingAccepts}) leaves only with
     * a fetch, so the renewal goes with a poll then, its fetch carrying both, and the records come back once the
     * broker renewed them (within the acknowledgement timeout). That fetch may acquire the next record while the
     * call runs: one delivery at risk, against a call run twice.
     */
    List<ConsumerRecord<byte[], byte[]>> renew(List<ConsumerRecord<byte[], byte[]>> records, boolean withAFetch) {
        List<ConsumerRecord<byte[], byte[]>> asked = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (acknowledge(record, AcknowledgeType.RENEW)) {
                asked.add(record);
            }
        }
        if (asked.isEmpty()) {
            return List.of();
        }
        if (withAFetch) {
            return takeBack(asked, timeout);
        }
        List<ConsumerRecord<byte[], byte[]>> confirmed = commit(asked, AcknowledgeType.RENEW);
        if (confirmed.isEmpty()) {
            return List.of();
        }
        return takeBack(confirmed, Duration.ZERO);
    }

    /**
     * Polls until the renewed records come back, for at most {@code within} after the first poll; returns those that
     * did. Nothing else can come back while a renewal is pending (the client hands out no new record then); one that
     * does means the renewal did not take (a broker failover lost the locks): it is handed back once, never run here,
     * and no poll follows, as each would fetch, and every fetch costs a queued record a delivery (the broker drops a
     * record silently after its last one).
     */
    private List<ConsumerRecord<byte[], byte[]>> takeBack(
            List<ConsumerRecord<byte[], byte[]>> renewed, Duration within) {
        List<ConsumerRecord<byte[], byte[]>> back = new ArrayList<>();
        boolean fetchedAnother = false;
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
                    fetchedAnother = true;
                }
            }
        } while (back.isEmpty() && !fetchedAnother && System.nanoTime() - deadline < 0);
        if (back.size() < renewed.size()) {
            log.warn("renewed records did not all come back: asked {}, back {}", describe(renewed), describe(back));
        }
        return back;
    }

    private static Optional<KafkaException> refusalFor(
            Map<TopicIdPartition, Optional<KafkaException>> outcome, ConsumerRecord<?, ?> record) {
        for (Map.Entry<TopicIdPartition, Optional<KafkaException>> entry : outcome.entrySet()) {
            if (isOn(record, entry.getKey())) {
                return entry.getValue();
            }
        }
        return Optional.empty();
    }

    /** Whether {@code record} is on {@code partition}, as the client names partitions in its outcomes. */
    static boolean isOn(ConsumerRecord<?, ?> record, TopicIdPartition partition) {
        return record.partition() == partition.partition() && record.topic().equals(partition.topic());
    }

    static String describe(List<ConsumerRecord<byte[], byte[]>> records) {
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
