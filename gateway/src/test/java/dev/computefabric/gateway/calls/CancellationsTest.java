package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.calls.CallTestData.accepted;
import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class CancellationsTest {

    private final RecentCalls recent = new RecentCalls(100, 1 << 20);
    private final List<ControlCommand> published = new ArrayList<>();
    private final List<OptionalInt> partitions = new ArrayList<>();
    private final SettableClock clock = new SettableClock(Instant.ofEpochSecond(1_000));
    private CompletableFuture<Void> acknowledgement = CompletableFuture.completedFuture(null);
    private final Calls calls = new Calls() {
        @Override
        public CompletableFuture<Submitted> submit(CallSubmission request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<CallSnapshot> find(String callId, Optional<Duration> wait) {
            return CompletableFuture.completedFuture(recent.find(callId).orElseThrow());
        }
    };
    private final Cancellations cancellations = new Cancellations(
            recent,
            SecondLook.NONE,
            (command, partition) -> {
                published.add(command);
                partitions.add(partition);
                return acknowledgement;
            },
            calls,
            "gw-1",
            clock);

    @Test
    void aCancelForAKnownCallIsPublishedToTheControlTopicWithWhoAndWhen() {
        recent.remember(accepted("c1"));

        CallSnapshot answer = cancellations.cancel("c1", Optional.empty()).join();

        assertThat(answer.callId()).isEqualTo("c1");
        assertThat(published).singleElement().satisfies(command -> {
            assertThat(command.getType()).isEqualTo(ControlType.CANCEL);
            assertThat(command.getCallId()).isEqualTo("c1");
            assertThat(command.getAt()).isEqualTo(clock.instant());
            assertThat(command.getRequestedBy()).isEqualTo("gateway:gw-1");
        });
    }

    @Test
    void aCallThisGatewayWroteIsCancelledWhereItsIdHashes() {
        recent.remember(accepted("c1"));

        cancellations.cancel("c1", Optional.empty()).join();

        assertThat(partitions).containsExactly(OptionalInt.empty());
    }

    @Test
    void aCallReadFromAnotherPartitionIsCancelledOnThatPartition() {
        // A Kafka-native caller produced it with its own partitioner; the router's status says where it is.
        recent.remember(CallSnapshot.of(CallStatus.newBuilder()
                .setCallId("c2")
                .setFunction("sleep")
                .setState(CallState.RUNNING)
                .setCapset("any")
                .setSubmittedAt(clock.instant())
                .setUpdatedAt(clock.instant())
                .setPartition(3)
                .build()));

        cancellations.cancel("c2", Optional.empty()).join();

        assertThat(published).extracting(ControlCommand::getCallId).containsExactly("c2");
        assertThat(partitions).containsExactly(OptionalInt.of(3));
    }

    @Test
    void anUnknownCallIsNotFoundAndNothingIsPublished() {
        assertThatThrownBy(() -> cancellations.cancel("nope", Optional.empty()).join())
                .hasCauseInstanceOf(CallNotFoundException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void anEndedCallCannotBeCancelled() {
        recent.remember(accepted("c1"));
        recent.complete(finished("c1", "{}"));

        assertThatThrownBy(() -> cancellations.cancel("c1", Optional.empty()).join())
                .hasCauseInstanceOf(CallAlreadyEndedException.class)
                .hasMessageContaining("already ended as FINISHED");
        assertThat(published).isEmpty();
    }

    @Test
    void kafkaDownWhilePublishingTheCancelIsUnavailable() {
        recent.remember(accepted("c1"));
        acknowledgement = CompletableFuture.failedFuture(new TimeoutException("no broker"));

        assertThat(cancellations.cancel("c1", Optional.empty()))
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(TimeoutException.class);
    }
}
