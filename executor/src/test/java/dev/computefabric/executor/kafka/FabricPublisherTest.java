package dev.computefabric.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.run.Results;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.TestCalls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class FabricPublisherTest {

    /** fabric.events and fabric.results with six partitions, as provisioned. */
    private static final Cluster CLUSTER = cluster(6, Topics.EVENTS, Topics.RESULTS);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(CLUSTER, false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final CallPartitions partitions = new CallPartitions();
    private final FabricPublisher publisher = new FabricPublisher(
            producer,
            new Encoders(
                    PlainAvro.serializer(1), PlainAvro.serializer(2), PlainAvro.serializer(3), PlainAvro.serializer(4)),
            "node-1",
            partitions);

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
    void resultAndEventsGoToThePartitionTheCallWasReadFromWhateverItsKeyHashesTo() {
        FuncCall call = TestCalls.call("echo").id("c-3").build();
        partitions.remember("c-3", 5);

        publisher.started(call, TestCalls.SUBMITTED);
        publisher.progress(call, TestCalls.SUBMITTED, 0.5, "half");
        publisher.publish(finished(call));

        assertThat(producer.history())
                .extracting(ProducerRecord::topic)
                .containsExactly(Topics.EVENTS, Topics.EVENTS, Topics.RESULTS);
        assertThat(producer.history()).extracting(ProducerRecord::partition).containsOnly(5);
    }

    @Test
    void aCallNotReadHereIsSentByItsKey() {
        publisher.publish(finished(TestCalls.call("echo").id("c-4").build()));

        assertThat(producer.history().get(0).partition()).isNull();
    }

    @Test
    void theFinalResultForgetsTheCallsPartition() {
        FuncCall call = TestCalls.call("echo").id("c-5").build();
        partitions.remember("c-5", 2);

        publisher.publish(finished(call));

        assertThat(partitions.of("c-5")).isEmpty();
    }

    @Test
    void aPartitionTheTargetTopicDoesNotHaveFallsBackToTheKey() {
        FuncCall call = TestCalls.call("echo").id("c-6").build();
        partitions.remember("c-6", 9);

        publisher.publish(finished(call));

        assertThat(producer.history().get(0).partition()).isNull();
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

    private static FuncResult finished(FuncCall call) {
        return Results.finished(call, "node-1", "{}", Map.of(), TestCalls.SUBMITTED, TestCalls.SUBMITTED);
    }

    private static Cluster cluster(int partitions, String... topics) {
        Node broker = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                infos.add(new PartitionInfo(topic, p, broker, new Node[] {broker}, new Node[] {broker}));
            }
        }
        return new Cluster("test", List.of(broker), infos, Set.of(), Set.of());
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
