package dev.computefabric.executor.dispatch.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Acknowledges one lane's record and keeps its acquisition lock alive. With explicit acknowledgement the
 * 4.3 client refuses to poll again until every record of the last poll is acknowledged, and after a RENEW it
 * hands the renewed record back from the next poll: so renewing is "RENEW, then poll until it is back".
 */
final class Acks {

    private static final Logger log = LoggerFactory.getLogger(Acks.class);
    private static final Duration RENEW_POLL = Duration.ofMillis(20);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final Duration timeout;

    Acks(ShareConsumer<byte[], byte[]> consumer, Clock clock, Duration timeout) {
        this.consumer = consumer;
        this.clock = clock;
        this.timeout = timeout;
        // Reports acknowledgements sent with a poll (see acknowledgeWithNextPoll); runs inside poll, on the lane.
        consumer.setAcknowledgementCommitCallback((offsets, error) -> {
            if (error != null) {
                log.warn("acknowledgement of {} failed: {}", offsets, error.toString());
            }
        });
    }

    /**
     * Acknowledges {@code record} as {@code type}; the next poll carries it. Unlike {@link #settle}, this also
     * reaches the broker when the group moved the record's partition to another member meanwhile (the 4.3
     * client's commitSync fails such acknowledgements with NOT_LEADER_OR_FOLLOWER; a poll sends them).
     */
    boolean acknowledgeWithNextPoll(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
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
     * Sends the acknowledgement {@link #acknowledgeWithNextPoll} left for a poll that is not coming soon (the lane
     * took its next call from another level's consumer), and waits until the broker confirmed it.
     */
    boolean commitPending() {
        try {
            Map<TopicIdPartition, Optional<KafkaException>> outcome = consumer.commitSync(timeout);
            for (Map.Entry<TopicIdPartition, Optional<KafkaException>> entry : outcome.entrySet()) {
                if (entry.getValue().isPresent()) {
                    log.warn(
                            "acknowledgement on {} was refused: {}",
                            entry.getKey(),
                            entry.getValue().get().toString());
                    return false;
                }
            }
            return true;
        } catch (KafkaException e) {
            log.warn("pending acknowledgements not confirmed: {}", e.toString());
            return false;
        }
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
     * Extends the lock on {@code record}. Returns once the broker renewed it, or false when it did not within
     * the timeout (the lock may be lost; the call goes on, and its acknowledgement will tell).
     */
    boolean renew(ConsumerRecord<byte[], byte[]> record) {
        try {
            consumer.acknowledge(record, AcknowledgeType.RENEW);
        } catch (IllegalStateException e) {
            log.warn("cannot renew the lock of {}: it is no longer held here: {}", coordinates(record), e.getMessage());
            return false;
        }
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            boolean back = false;
            boolean fetchedAnew = false;
            for (ConsumerRecord<byte[], byte[]> returned : consumer.poll(RENEW_POLL)) {
                if (sameRecord(returned, record)) {
                    back = true;
                } else {
                    // Not ours to run now, so it goes straight back. Every fetch counts as a delivery, and the broker
                    // drops a record silently after its last one: polling on would fetch it again and again (a
                    // broker failover once took four deliveries from a record within a second this way), so stop.
                    log.warn(
                            "a renewal poll fetched {} (delivery {}); releasing it",
                            coordinates(returned),
                            returned.deliveryCount().map(String::valueOf).orElse("?"));
                    settle(returned, AcknowledgeType.RELEASE);
                    fetchedAnew = true;
                }
            }
            if (back) {
                return true;
            }
            if (fetchedAnew) {
                // Only if the renewal failed can the client fetch anew: the lock on the record is lost.
                log.warn(
                        "the lock of {} was not renewed: the broker no longer holds it for this lane",
                        coordinates(record));
                return false;
            }
        }
        log.warn("the lock of {} was not renewed within {}", coordinates(record), timeout);
        return false;
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
