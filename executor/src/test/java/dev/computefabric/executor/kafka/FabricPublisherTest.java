package dev.computefabric.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.run.Results;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.TestCalls;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class FabricPublisherTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final FabricPublisher publisher = new FabricPublisher(
            producer,
            new Encoders(
                    PlainAvro.serializer(1), PlainAvro.serializer(2), PlainAvro.serializer(3), PlainAvro.serializer(4)),
            "node-1");

    @Test
    void aResultIsKeyedByCallIdAndDoneOnlyOnceTheBrokerAcknowledgedIt() {
        FuncResult result = Results.finished(
                TestCalls.call("echo").id("c-1").build(),
                "node-1",
                "{}",
                Map.of(),
                TestCalls.SUBMITTED,
                TestCalls.SUBMITTED);

        CompletableFuture<Void> sent = publisher.publish(result);
        assertThat(sent).isNotDone();
        producer.completeNext();

        assertThat(sent).isCompleted();
        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.RESULTS);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        assertThat(PlainAvro.read(FuncResult.class, record.value())).isEqualTo(result);
    }

    @Test
    void aRefusedSendFailsTheFutureInsteadOfThrowing() {
        CompletableFuture<Void> sent = publisher.publish(Results.finished(
                TestCalls.call("echo").build(), "node-1", "{}", Map.of(), TestCalls.SUBMITTED, TestCalls.SUBMITTED));
        producer.errorNext(new RuntimeException("not enough replicas"));

        assertThat(sent).isCompletedExceptionally();
    }

    @Test
    void startedIsACallEventFromThisExecutor() {
        publisher.started(TestCalls.call("echo").id("c-2").build(), TestCalls.SUBMITTED);

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        CallEvent event = PlainAvro.read(CallEvent.class, record.value());
        assertThat(record.topic()).isEqualTo(Topics.EVENTS);
        assertThat(event.getType()).isEqualTo(CallEventType.STARTED);
        assertThat(event.getCallId()).isEqualTo("c-2");
        assertThat(event.getExecutorId()).isEqualTo("node-1");
    }

    @Test
    void theTombstoneDeletesThisExecutorsPresence() {
        publisher.statusTombstone();

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.EXECUTORS);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("node-1");
        assertThat(record.value()).isNull();
    }
}
