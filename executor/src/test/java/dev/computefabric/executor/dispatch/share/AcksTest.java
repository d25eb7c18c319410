package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.testing.TestRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRecordStateException;
import org.junit.jupiter.api.Test;

/** Renewing a running call's lock against a share consumer whose renewal did not take. */
class AcksTest {

    private static final String TOPIC = "fabric.calls.any";

    @Test
    void aRenewalThatBringsBackAnotherRecordReleasesItOnceAndGivesUp() {
        ConsumerRecord<byte[], byte[]> running = record(7, 1);
        ConsumerRecord<byte[], byte[]> queued = record(8, 1);
        // After a broker failover the renewed record does not come back; every poll fetches the queued one.
        FailedOverConsumer consumer = new FailedOverConsumer(queued, Map.of());
        Acks acks = new Acks(consumer, Duration.ofSeconds(2));

        boolean renewed = acks.renew(running);

        assertThat(renewed).isFalse();
        // Each fetch is a delivery, and the broker drops a record after its last one: one fetch, one release.
        assertThat(consumer.polls).isEqualTo(1);
        assertThat(consumer.acks).containsExactly("7:renew", "8:release");
    }

    @Test
    void aRenewalSentWithAFetchThatBringsBackAnotherRecordReleasesItOnceAndGivesUp() {
        ConsumerRecord<byte[], byte[]> running = record(7, 1);
        ConsumerRecord<byte[], byte[]> queued = record(8, 1);
        // The renewal goes with a poll (an ACCEPT was held back in the client); after a failover it does not take.
        FailedOverConsumer consumer = new FailedOverConsumer(queued, Map.of());
        Acks acks = new Acks(consumer, Duration.ofSeconds(2));

        List<ConsumerRecord<byte[], byte[]>> renewed = acks.renew(List.of(running), true);

        assertThat(renewed).isEmpty();
        // Polling on until the acknowledgement timeout fetched the queued record thousands of times, each fetch a
        // delivery: the broker drops a record silently after its fifth.
        assertThat(consumer.polls).isEqualTo(1);
        assertThat(consumer.acks).containsExactly("7:renew", "8:release");
    }

    @Test
    void aRefusedRenewalIsNotFollowedByAPoll() {
        ConsumerRecord<byte[], byte[]> running = record(7, 1);
        // The broker no longer holds the record for this member (its lock ran out).
        FailedOverConsumer consumer = new FailedOverConsumer(
                record(8, 1),
                Map.of(
                        new TopicIdPartition(Uuid.ZERO_UUID, 0, TOPIC),
                        Optional.of(new InvalidRecordStateException("not acquired"))));
        Acks acks = new Acks(consumer, Duration.ofSeconds(2));

        boolean renewed = acks.renew(running);

        assertThat(renewed).isFalse();
        // Nothing comes back after a refusal, so a poll could only start a fetch, and what it acquired would wait
        // unseen while the lane runs its call.
        assertThat(consumer.polls).isZero();
        assertThat(consumer.acks).containsExactly("7:renew");
        assertThat(consumer.commits).isEqualTo(1);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, int deliveries) {
        return TestRecords.delivered(TOPIC, offset, new byte[0], new byte[0], deliveries);
    }

    private static final class FailedOverConsumer extends MockShareConsumer<byte[], byte[]> {

        final List<String> acks = new CopyOnWriteArrayList<>();
        private final ConsumerRecord<byte[], byte[]> fetched;
        private final Map<TopicIdPartition, Optional<KafkaException>> commitOutcome;
        int polls;
        int commits;

        FailedOverConsumer(
                ConsumerRecord<byte[], byte[]> fetched, Map<TopicIdPartition, Optional<KafkaException>> commitOutcome) {
            this.fetched = fetched;
            this.commitOutcome = commitOutcome;
            subscribe(List.of(TOPIC));
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            polls++;
            addRecord(fetched);
            return super.poll(timeout);
        }

        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            acks.add(record.offset() + ":" + type);
        }

        @Override
        public synchronized Map<TopicIdPartition, Optional<KafkaException>> commitSync(Duration timeout) {
            commits++;
            return commitOutcome;
        }
    }
}
