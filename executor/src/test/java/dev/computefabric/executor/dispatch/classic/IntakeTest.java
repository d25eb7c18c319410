package dev.computefabric.executor.dispatch.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.DeadLetters;
import dev.computefabric.executor.dispatch.SchemaLookup;
import dev.computefabric.executor.testing.Gate;
import dev.computefabric.executor.testing.NodeFixture;
import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.TestCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntakeTest {

    private static final TopicPartition P0 = new TopicPartition(TestRecords.TOPIC, 0);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final NodeFixture fixture = new NodeFixture(2);
    private final OffsetTracker tracker = new OffsetTracker();
    private final Completions completions = new Completions();
    private final Backlog backlog = new Backlog();
    private final AtomicReference<SchemaLookup> registry = new AtomicReference<>(TestRecords.SCHEMAS);
    private final Intake intake =
            new Intake(fixture.parts(new CallDecoder(id -> registry.get().byId(id)), () -> false), completions, RETRY);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRecordThatIsNotACallGoesToTheDeadLetterTopicAndCountsAsDone() {
        receive(TestRecords.raw(0, 0, "c-1", "garbage".getBytes(StandardCharsets.UTF_8)));

        intake.admit(backlog);

        ProducerRecord<byte[], byte[]> letter = fixture.sentTo(Topics.DLQ).get(0);
        assertThat(letter.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .contains("not in Confluent wire format");
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(committableAfterDraining()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void aCallNeedingMoreSlotsThanTheNodeHasFailsAtOnceAndSaysWhatToChange() {
        receive(TestRecords.call(0, 0, TestCalls.call("echo").slots(3).build()));

        intake.admit(backlog);

        FuncResult result = fixture.results().get(0);
        assertThat(result.getState()).isEqualTo(CallState.FAILED);
        assertThat(result.getError().getType()).isEqualTo("InsufficientSlots");
        assertThat(result.getError().getMessage())
                .isEqualTo("the call needs 3 slots but executor node-1 has 2; "
                        + "lower FuncCall.slots to 2 or less, or run executors with --slots 3 or more");
        assertThat(committableAfterDraining()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void aCallWithNoSlotsFailsWithBadArguments() {
        receive(TestRecords.call(0, 0, TestCalls.call("echo").slots(0).build()));

        intake.admit(backlog);

        assertThat(fixture.results().get(0).getError().getType()).isEqualTo("BadArguments");
    }

    @Test
    void aCallThatDoesNotFitWaitsAtTheHeadAndCallsBehindItWaitToo() {
        receive(TestRecords.call(
                0, 0, TestCalls.call(Gate.NAME).id("big-1").slots(2).build()));
        receive(TestRecords.call(
                0, 1, TestCalls.call(Gate.NAME).id("big-2").slots(2).build()));
        receive(TestRecords.call(
                0, 2, TestCalls.call(Gate.NAME).id("small").slots(1).build()));

        intake.admit(backlog);

        assertThat(backlog.size()).isEqualTo(2);
        assertThat(fixture.slots.free()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.gate.entered().equals(List.of("big-1")));
    }

    @Test
    void aCallStartsOnceSlotsFree() {
        receive(TestRecords.call(
                0, 0, TestCalls.call(Gate.NAME).id("first").slots(2).build()));
        receive(TestRecords.call(0, 1, TestCalls.call("echo").id("second").build()));
        intake.admit(backlog);

        fixture.gate.open();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.slots.free() == 2);
        intake.admit(backlog);

        assertThat(backlog.isEmpty()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.results().size() == 2);
        assertThat(committableAfterDraining()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void whileTheRegistryIsUnreachableTheRecordWaitsAndIsDecodedAgainAfterTheBackoff() {
        registry.set(TestRecords.UNREACHABLE);
        receive(TestRecords.call(0, 0, TestCalls.call("echo").build()));

        intake.admit(backlog);
        assertThat(backlog.size()).isEqualTo(1);
        assertThat(fixture.sentTo(Topics.DLQ)).isEmpty();

        registry.set(TestRecords.SCHEMAS);
        intake.admit(backlog);
        assertThat(backlog.size()).as("still backing off").isEqualTo(1);

        fixture.clock.advance(RETRY);
        intake.admit(backlog);
        assertThat(backlog.isEmpty()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.results().size() == 1);
    }

    private void receive(ConsumerRecord<byte[], byte[]> record) {
        backlog.add(record, tracker.received(new TopicPartition(record.topic(), record.partition()), record.offset()));
    }

    private Map<TopicPartition, OffsetAndMetadata> committableAfterDraining() {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            completions.drainInto(tracker);
            return tracker.unfinished() == 0;
        });
        return tracker.committable();
    }
}
