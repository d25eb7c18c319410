package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Renewing a running call's lock against a share consumer whose renewal did not take. */
class AcksTest {

    private static final String TOPIC = "fabric.calls.any";

    @Test
    void aRenewalPollThatFetchesAnotherRecordReleasesItOnceAndGivesUp() {
        ConsumerRecord<byte[], byte[]> running = record(7, 1);
        ConsumerRecord<byte[], byte[]> queued = record(8, 1);
        // After a broker failover the renewed record does not come back; every poll fetches the queued one.
        FailedOverConsumer consumer = new FailedOverConsumer(queued);
        Acks acks = new Acks(consumer, Clock.systemUTC(), Duration.ofSeconds(2));

        boolean renewed = acks.renew(running);

        assertThat(renewed).isFalse();
        // Each fetch is a delivery, and the broker drops a record after its last one: one fetch, one release.
        assertThat(consumer.polls).isEqualTo(1);
        assertThat(consumer.acks).containsExactly("7:renew", "8:release");
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, int deliveries) {
        return new ConsumerRecord<>(
                TOPIC,
                0,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                new byte[0],
                new byte[0],
                new RecordHeaders(),
                Optional.empty(),
                Optional.of((short) deliveries));
    }

    private static final class FailedOverConsumer extends MockShareConsumer<byte[], byte[]> {

        final List<String> acks = new CopyOnWriteArrayList<>();
        private final ConsumerRecord<byte[], byte[]> fetched;
        int polls;

        FailedOverConsumer(ConsumerRecord<byte[], byte[]> fetched) {
            this.fetched = fetched;
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
            return Map.of();
        }
    }
}
