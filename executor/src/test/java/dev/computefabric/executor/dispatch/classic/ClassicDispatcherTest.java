package dev.computefabric.executor.dispatch.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.DispatchOptions;
import dev.computefabric.executor.testing.Gate;
import dev.computefabric.executor.testing.NodeFixture;
import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole loop against a {@link MockConsumer}: polling, pausing, committing and draining, without a broker. */
class ClassicDispatcherTest {

    private static final TopicPartition P0 = new TopicPartition(TestRecords.TOPIC, 0);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Duration REVOKE_GRACE = Duration.ofSeconds(3);

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private NodeFixture fixture;
    private ClassicDispatcher dispatcher;
    private Thread loop;
    private final AtomicBoolean overloaded = new AtomicBoolean();

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null && loop.isAlive()) {
            fixture.gate.open();
            dispatcher.requestStop();
            loop.join(BOUND.toMillis());
        }
        fixture.close();
    }

    @Test
    void runsCallsEmitsStartedAndCommitsTheirOffsets() throws Exception {
        start(2);
        deliver(
                TestRecords.call(0, 0, TestCalls.call("echo").id("a").build()),
                TestRecords.call(0, 1, TestCalls.call("echo").id("b").build()));

        await().atMost(BOUND).until(() -> committed().equals(Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(fixture.results()).extracting(FuncResult::getCallId).containsExactlyInAnyOrder("a", "b");
        assertThat(fixture.results()).extracting(FuncResult::getState).containsOnly(CallState.FINISHED);
        assertThat(fixture.events()).extracting(e -> e.getType()).containsOnly(CallEventType.STARTED);
    }

    @Test
    void announcesReadinessOnceItHasAnAssignment() throws Exception {
        start(1);
        deliver();

        assertThat(ready.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void pausesEveryPartitionWhileSlotsAreFullAndResumesWhenOneFrees() {
        start(1);
        deliver(
                TestRecords.call(0, 0, TestCalls.call(Gate.NAME).id("a").build()),
                TestRecords.call(0, 1, TestCalls.call("echo").id("b").build()));

        await().atMost(BOUND).until(() -> consumer.paused().equals(Set.of(P0)));
        assertThat(fixture.gate.entered()).containsExactly("a");

        fixture.gate.open();

        await().atMost(BOUND).until(() -> committed().equals(Map.of(P0, new OffsetAndMetadata(2))));
        await().atMost(BOUND).until(() -> consumer.paused().isEmpty());
    }

    @Test
    void whileTheHostIsOverloadedEveryPartitionIsPausedAndItResumesWhenTheLoadDrops() {
        overloaded.set(true);
        start(2);
        deliver();

        await().atMost(BOUND).until(() -> consumer.paused().equals(Set.of(P0)));
        overloaded.set(false);
        await().atMost(BOUND).until(() -> consumer.paused().isEmpty());
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndDoesNotHoldBackTheCallsAfterIt() {
        start(2);
        deliver(
                TestRecords.raw(0, 0, "x", new byte[] {42}),
                TestRecords.call(0, 1, TestCalls.call("echo").id("b").build()));

        await().atMost(BOUND).until(() -> committed().equals(Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(fixture.sentTo(Topics.DLQ)).hasSize(1);
        assertThat(fixture.results()).extracting(FuncResult::getCallId).containsExactly("b");
    }

    @Test
    void stoppingLetsRunningCallsFinishCommitsThemAndLeavesCallsNotStarted() throws Exception {
        start(1);
        deliver(
                TestRecords.call(0, 0, TestCalls.call(Gate.NAME).id("running").build()),
                TestRecords.call(0, 1, TestCalls.call("echo").id("waiting").build()));
        await().atMost(BOUND).until(() -> fixture.gate.entered().equals(List.of("running")));

        dispatcher.requestStop();
        fixture.gate.open();
        loop.join(BOUND.toMillis());

        assertThat(loop.isAlive()).isFalse();
        assertThat(committed()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
        assertThat(fixture.results()).extracting(FuncResult::getCallId).containsExactly("running");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void callsStillRunningAtTheDrainDeadlineAreAbandonedAndNotCommitted() throws Exception {
        start(1);
        deliver(TestRecords.call(0, 0, TestCalls.call(Gate.NAME).id("stuck").build()));
        await().atMost(BOUND).until(() -> fixture.gate.entered().equals(List.of("stuck")));

        dispatcher.requestStop();
        // The drain deadline is set when the loop notices the stop; keep moving time until it has passed.
        await().atMost(BOUND).until(() -> {
            fixture.clock.advance(DRAIN);
            return !loop.isAlive();
        });

        assertThat(committed()).isEmpty();
        assertThat(fixture.results()).isEmpty();
    }

    @Test
    void aCallRunningOnARevokedPartitionMayFinishWithinTheGraceAndIsCommittedBeforeThePartitionMoves() {
        start(1);
        deliver(TestRecords.call(0, 0, TestCalls.call(Gate.NAME).id("a").build()));
        await().atMost(BOUND).until(() -> fixture.gate.entered().equals(List.of("a")));

        // The call ends only once the revocation is waiting for it: only that wait can get it committed.
        consumer.schedulePollTask(() -> {
            Thread dispatching = Thread.currentThread();
            new Thread(() -> {
                        await().atMost(BOUND).until(() -> dispatching.getState() == Thread.State.TIMED_WAITING);
                        fixture.gate.open();
                    })
                    .start();
            consumer.rebalance(List.of());
        });

        await().atMost(BOUND).until(() -> consumer.assignment().isEmpty());
        assertThat(committed()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void aCallStillRunningAfterTheGraceIsLeftToTheNewOwnerAndItsLateEndCommitsNothing() {
        start(1);
        deliver(TestRecords.call(0, 0, TestCalls.call(Gate.NAME).id("a").build()));
        await().atMost(BOUND).until(() -> fixture.gate.entered().equals(List.of("a")));

        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
        await().atMost(BOUND).until(() -> {
            fixture.clock.advance(REVOKE_GRACE);
            return consumer.assignment().isEmpty();
        });
        fixture.gate.open();

        await().atMost(BOUND).until(() -> fixture.results().size() == 1);
        assertThat(committed()).isEmpty();
    }

    private void start(int slots) {
        fixture = new NodeFixture(slots);
        consumer.setMaxPollRecords(slots);
        DispatchOptions options = new DispatchOptions(
                Duration.ofMillis(5), Duration.ofMillis(1), Duration.ZERO, Duration.ofSeconds(1), DRAIN, REVOKE_GRACE);
        dispatcher = new ClassicDispatcher(
                consumer, fixture.parts(new CallDecoder(TestRecords.SCHEMAS), overloaded::get), options);
        loop = new Thread(() -> dispatcher.run(ready::countDown), "test-dispatcher");
        loop.start();
    }

    /** Assigns P0 and adds the records, inside the dispatcher's own poll (MockConsumer is not for two threads). */
    @SafeVarargs
    private void deliver(ConsumerRecord<byte[], byte[]>... records) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                consumer.addRecord(record);
            }
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return Map.copyOf(consumer.lastCommitted);
    }

    /** Remembers the last commit per partition, readable also after the consumer was closed. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {

        final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new ConcurrentHashMap<>();

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            lastCommitted.putAll(offsets);
        }

        @Override
        public synchronized void commitAsync(
                Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            super.commitAsync(offsets, callback);
            lastCommitted.putAll(offsets);
        }
    }
}
