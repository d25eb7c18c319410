package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.DeadLetters;
import dev.computefabric.executor.testing.Gate;
import dev.computefabric.executor.testing.NodeFixture;
import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.TestCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One lane against a {@link MockShareConsumer}: what is run, dead-lettered and acknowledged how. */
class ShareDispatcherTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static final String HIGH_TOPIC = TestRecords.TOPIC + Topics.PRIORITY_SEPARATOR + "high";

    private final RecordingShareConsumer consumer = new RecordingShareConsumer();
    private final RecordingShareConsumer highConsumer = new RecordingShareConsumer();
    private Set<String> topics = Set.of(TestRecords.TOPIC);
    private final NodeFixture fixture = new NodeFixture(1);
    private ShareDispatcher dispatcher;
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        dispatcher.requestStop();
        loop.join(BOUND.toMillis());
        fixture.close();
    }

    @Test
    void aFinishedCallIsAcceptedAfterItsResultIsWritten() {
        start();
        deliver(call(0, "a", "echo", "{}", 1));

        await().atMost(BOUND).until(() -> consumer.acks.contains(new Ack(0, AcknowledgeType.ACCEPT)));
        assertThat(fixture.results()).extracting(FuncResult::getState).containsExactly(CallState.FINISHED);
        await().atMost(BOUND).until(() -> fixture.slots.busy() == 0);
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndRejected() {
        start();
        deliver(record(0, "x", "garbage".getBytes(StandardCharsets.UTF_8), 1));

        await().atMost(BOUND).until(() -> consumer.acks.contains(new Ack(0, AcknowledgeType.REJECT)));
        assertThat(fixture.sentTo(Topics.DLQ)).hasSize(1);
    }

    @Test
    void aFailedCallIsAnsweredFailedDeadLetteredWithItsReasonAndAccepted() {
        start();
        deliver(call(0, "f", "fail", "{\"message\": \"boom\"}", 1));

        await().atMost(BOUND).until(() -> consumer.acks.contains(new Ack(0, AcknowledgeType.ACCEPT)));
        assertThat(fixture.results()).extracting(FuncResult::getState).containsExactly(CallState.FAILED);
        assertThat(new String(
                        fixture.sentTo(Topics.DLQ)
                                .get(0)
                                .headers()
                                .lastHeader(DeadLetters.REASON)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("FAILED FunctionFailed: boom");
    }

    @Test
    void aCallDeliveredAsOftenAsTheGroupAllowsIsFailedAndRejectedWithoutRunning() {
        start();
        deliver(call(0, "d", "echo", "{}", ShareDispatchOptions.DEFAULT_MAX_DELIVERIES));

        await().atMost(BOUND).until(() -> consumer.acks.contains(new Ack(0, AcknowledgeType.REJECT)));
        assertThat(fixture.results()).singleElement().satisfies(result -> {
            assertThat(result.getState()).isEqualTo(CallState.FAILED);
            assertThat(result.getError().getType()).isEqualTo("DeliveryLimitReached");
        });
        assertThat(fixture.sentTo(Topics.EVENTS)).as("never started").isEmpty();
        assertThat(fixture.sentTo(Topics.DLQ)).hasSize(1);
    }

    @Test
    void aFreeSlotTakesTheHighCallBeforeTheNormalOneQueuedBeforeIt() {
        topics = Set.of(TestRecords.TOPIC, HIGH_TOPIC);
        start();
        await().atMost(BOUND).until(() -> !highConsumer.subscription().isEmpty());
        deliver(call(TestRecords.TOPIC, 0, "busy", Gate.NAME, "{}", 1));
        await().atMost(BOUND).until(() -> fixture.gate.entered().contains("busy"));

        consumer.deliver(call(TestRecords.TOPIC, 1, "normal", "echo", "{}", 1));
        highConsumer.deliver(call(HIGH_TOPIC, 0, "high", "echo", "{}", 1));
        fixture.gate.open();

        await().atMost(BOUND).until(() -> fixture.results().size() == 3);
        assertThat(fixture.results()).extracting(FuncResult::getCallId).containsExactly("busy", "high", "normal");
    }

    @Test
    void theAcceptOfANormalCallIsSentWhenTheNextCallComesFromAnotherLevel() {
        topics = Set.of(TestRecords.TOPIC, HIGH_TOPIC);
        start();
        await().atMost(BOUND).until(() -> !highConsumer.subscription().isEmpty());
        deliver(call(TestRecords.TOPIC, 0, "busy", Gate.NAME, "{}", 1));
        await().atMost(BOUND).until(() -> fixture.gate.entered().contains("busy"));

        highConsumer.deliver(call(HIGH_TOPIC, 0, "high", "echo", "{}", 1));
        fixture.gate.open();

        await().atMost(BOUND).until(() -> highConsumer.acks.contains(new Ack(0, AcknowledgeType.ACCEPT)));
        // With the NORMAL consumer's next poll, or committed at the next renewal interval if none comes.
        await().atMost(BOUND).until(() -> consumer.sent.contains(new Ack(0, AcknowledgeType.ACCEPT)));
    }

    private void start() {
        ShareDispatcher.Cluster cluster = new ShareDispatcher.Cluster() {
            public Set<String> listTopics() {
                return topics;
            }

            public void prepareGroup() {}

            public ShareConsumer<byte[], byte[]> consumer(int lane, String topic) {
                return Topics.priorityOf(topic) == Priority.HIGH ? highConsumer : consumer;
            }
        };
        dispatcher = new ShareDispatcher(
                cluster,
                fixture.parts(new CallDecoder(TestRecords.SCHEMAS), () -> false),
                ShareDispatchOptions.defaults());
        loop = new Thread(() -> dispatcher.run(() -> {}), "test-share-dispatcher");
        loop.start();
    }

    /** Hands the lane a record once it has subscribed, as the broker would. */
    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        await().atMost(BOUND).until(() -> !consumer.subscription().isEmpty());
        consumer.deliver(record);
    }

    private static ConsumerRecord<byte[], byte[]> call(
            long offset, String id, String function, String args, int deliveries) {
        return call(TestRecords.TOPIC, offset, id, function, args, deliveries);
    }

    private static ConsumerRecord<byte[], byte[]> call(
            String topic, long offset, String id, String function, String args, int deliveries) {
        return record(
                topic,
                offset,
                id,
                PlainAvro.bytes(TestCalls.call(function).id(id).args(args).build(), TestRecords.FUNC_CALL_ID),
                deliveries);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, byte[] value, int deliveries) {
        return record(TestRecords.TOPIC, offset, key, value, deliveries);
    }

    private static ConsumerRecord<byte[], byte[]> record(
            String topic, long offset, String key, byte[] value, int deliveries) {
        return TestRecords.delivered(topic, offset, key.getBytes(StandardCharsets.UTF_8), value, deliveries);
    }

    record Ack(long offset, AcknowledgeType type) {}

    /**
     * Remembers acknowledgements, given and sent (with a poll or a commit); a poll with nothing to return waits like
     * the real one instead of spinning.
     */
    private static final class RecordingShareConsumer extends MockShareConsumer<byte[], byte[]> {

        final List<Ack> acks = new CopyOnWriteArrayList<>();
        final List<Ack> sent = new CopyOnWriteArrayList<>();
        private final List<Ack> unsent = new ArrayList<>();
        private boolean pending;

        synchronized void deliver(ConsumerRecord<byte[], byte[]> record) {
            addRecord(record);
            pending = true;
            notifyAll();
        }

        @Override
        public synchronized org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            // wait(0) would wait for ever; a real poll with a zero timeout returns at once.
            if (!pending && timeout.toMillis() > 0) {
                try {
                    wait(timeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            pending = false;
            send();
            return super.poll(timeout);
        }

        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            acks.add(new Ack(record.offset(), type));
            unsent.add(new Ack(record.offset(), type));
        }

        private void send() {
            sent.addAll(unsent);
            unsent.clear();
        }

        @Override
        public synchronized Map<
                        org.apache.kafka.common.TopicIdPartition, Optional<org.apache.kafka.common.KafkaException>>
                commitSync(Duration timeout) {
            send();
            return Map.of();
        }
    }
}
