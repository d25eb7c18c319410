package dev.computefabric.router;

import static dev.computefabric.router.Events.started;
import static dev.computefabric.testing.TestCalls.call;
import static dev.computefabric.testing.TestResults.finished;
import static dev.computefabric.testing.TestResults.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.router.timers.TimerOptions;
import dev.computefabric.schemas.ErrorTypes;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cancellation, deadlines (wall clock moved by the test driver) and the retention sweep. */
class RouterTimersAndCancelTest {

    private static final String GATEWAY = Topics.replies("gw-1");
    private static final long SUBMITTED_MS = TestCalls.SUBMITTED.toEpochMilli();

    @RegisterExtension
    final RouterDriver router = new RouterDriver();

    @Test
    void aCallWithoutATimeoutStillEndsAfterTheLongestCallLifetime() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.event(started("c1").build());

        router.advanceWallClock(TimerOptions.DEFAULT_MAX_LIFETIME.minusSeconds(1));
        assertThat(router.replies(GATEWAY)).isEmpty();
        router.advanceWallClock(Duration.ofSeconds(2));

        assertThat(router.replies(GATEWAY)).singleElement().satisfies(reply -> {
            assertThat(reply.getState()).isEqualTo(CallState.TIMED_OUT);
            assertThat(reply.getFinishedAt()).isEqualTo(TestCalls.SUBMITTED.plus(TimerOptions.DEFAULT_MAX_LIFETIME));
        });
    }

    @Test
    void aQueuedCallIsCancelledAtOnceAndItsCallerGetsTheCancellation() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.cancel("c1", SUBMITTED_MS + 10);

        assertThat(router.replies(GATEWAY)).singleElement().satisfies(reply -> {
            assertThat(reply.getState()).isEqualTo(CallState.CANCELLED);
            assertThat(reply.getError().getType()).isEqualTo(ErrorTypes.CANCELLED);
            assertThat(reply.getError().getMessage()).contains("tester");
        });
        assertThat(router.statuses())
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.CANCELLED);
    }

    @Test
    void aRunningCallIsCancelledAtOnceAndTheExecutorsLaterCancelledResultIsDroppedAndCounted() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.event(started("c1").build());
        router.afterGrace();
        router.cancel("c1", SUBMITTED_MS + 10);
        router.result(result("c1", CallState.CANCELLED).build());
        router.result(finished("c1").build());

        List<FuncResult> replies = router.replies(GATEWAY);
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.getState()).isEqualTo(CallState.CANCELLED);
            assertThat(reply.getExecutorId()).isNotNull();
        });
        assertThat(router.statuses())
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.RUNNING, CallState.CANCELLED);
        assertThat(router.droppedResults()).isEqualTo(2.0);
    }

    @Test
    void aCancelThatOvertakesItsCallCancelsTheCallWhenItArrives() {
        router.cancel("c1", SUBMITTED_MS + 10);
        assertThat(router.statuses()).isEmpty();

        router.call(call("slow").id("c1").replyTo(GATEWAY).build());

        assertThat(router.replies(GATEWAY)).singleElement().satisfies(reply -> {
            assertThat(reply.getState()).isEqualTo(CallState.CANCELLED);
            assertThat(reply.getFunction()).isEqualTo("slow");
        });
    }

    @Test
    void aCallThatItsOvertakingCancelEndedReadAgainSendsItsEndAgain() {
        router.cancel("c1", SUBMITTED_MS + 10);
        FuncCall call = call("slow").id("c1").replyTo(GATEWAY).build();
        router.call(call);
        List<FuncResult> first = router.replies(GATEWAY);
        assertThat(first).extracting(FuncResult::getState).containsExactly(CallState.CANCELLED);
        router.statuses();

        router.call(call);

        assertThat(router.replies(GATEWAY)).isEqualTo(first);
        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.CANCELLED);
    }

    @Test
    void aCancelForAnEndedCallChangesNothing() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.result(finished("c1").build());
        router.cancel("c1", SUBMITTED_MS + 10);

        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getState).containsExactly(CallState.FINISHED);
        assertThat(router.statuses())
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.FINISHED);
    }

    @Test
    void aCallWithoutAResultByItsDeadlineEndsTimedOutWhenTheWallClockPassesIt() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).timeoutMs(5_000).build());
        router.afterGrace();
        router.event(started("c1").build());

        router.advanceWallClock(Duration.ofMillis(4_700));
        assertThat(router.replies(GATEWAY)).isEmpty();

        router.advanceWallClock(Duration.ofMillis(200));
        assertThat(router.replies(GATEWAY)).singleElement().satisfies(reply -> {
            assertThat(reply.getState()).isEqualTo(CallState.TIMED_OUT);
            assertThat(reply.getError().getType()).isEqualTo(ErrorTypes.TIMEOUT);
            assertThat(reply.getFinishedAt()).isEqualTo(TestCalls.SUBMITTED.plusMillis(5_000));
        });
        assertThat(router.statuses())
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.RUNNING, CallState.TIMED_OUT);
    }

    @Test
    void aPassedDeadlineIsATimedOutResultTheRouterWritesAndReadsBackSoItsEndIsSentAgainWhenReadAgain() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).timeoutMs(1_000).build());
        router.afterGrace();
        router.statuses();
        router.advanceWallClock(Duration.ofMillis(1_100));

        List<FuncResult> sent = router.answers();
        assertThat(sent).singleElement().satisfies(result -> {
            assertThat(result.getState()).isEqualTo(CallState.TIMED_OUT);
            assertThat(result.getFinishedAt()).isEqualTo(TestCalls.SUBMITTED.plusMillis(1_000));
        });
        assertThat(router.replies(GATEWAY)).containsExactly(sent.get(0));
        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.TIMED_OUT);

        // A router killed before its next commit restarts with the end stored and its status and reply lost, and
        // reads its own result again: the end goes out again, nothing changes, nothing is counted as dropped.
        router.result(sent.get(0));
        router.afterGrace();

        assertThat(router.replies(GATEWAY)).containsExactly(sent.get(0));
        assertThat(router.statuses()).singleElement().satisfies(status -> {
            assertThat(status.getState()).isEqualTo(CallState.TIMED_OUT);
            assertThat(status.getResult()).isEqualTo(sent.get(0));
        });
        assertThat(router.answers()).isEmpty();
        assertThat(router.droppedResults()).isZero();
    }

    @Test
    void theCancelThatEndedACallReadAgainSendsItsEndAgainAndAnotherCancelChangesNothing() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.cancel("c1", SUBMITTED_MS + 10);
        List<FuncResult> first = router.replies(GATEWAY);
        router.statuses();

        router.cancel("c1", SUBMITTED_MS + 10);

        assertThat(router.replies(GATEWAY)).isEqualTo(first);
        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.CANCELLED);

        router.cancel("c1", SUBMITTED_MS + 20);

        assertThat(router.replies(GATEWAY)).isEmpty();
        assertThat(router.statuses()).isEmpty();
    }

    @Test
    void aResultBeforeTheDeadlineWinsAndTheDeadlineLaterChangesNothing() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).timeoutMs(5_000).build());
        router.result(finished("c1").build());
        router.advanceWallClock(Duration.ofSeconds(6));

        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getState).containsExactly(CallState.FINISHED);
    }

    @Test
    void theExecutorsTimedOutResultAfterTheRoutersDeadlineIsDropped() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).timeoutMs(1_000).build());
        router.advanceWallClock(Duration.ofMillis(1_100));
        router.result(result("c1", CallState.TIMED_OUT).build());

        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getState).containsExactly(CallState.TIMED_OUT);
        assertThat(router.droppedResults()).isEqualTo(1.0);
    }

    @Test
    void anEndedCallIsForgottenAndTombstonedAfterRetention() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.result(finished("c1").build());
        router.statuses();

        router.advanceWallClock(RouterDriver.TIMERS.retention().plusMillis(200));

        List<TestRecord<String, CallStatus>> after = router.statusRecords();
        assertThat(after).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.key()).isEqualTo("c1");
            assertThat(tombstone.value()).isNull();
        });
        // Forgotten: a late duplicate is now held as an orphan early result, not delivered...
        router.result(finished("c1").build());
        assertThat(router.replies(GATEWAY)).hasSize(1);
        // ...and the orphan goes after retention too, leaving nothing behind.
        router.advanceWallClock(RouterDriver.TIMERS.retention().plusMillis(200));
        assertThat(router.statusRecords()).isEmpty();
    }

    @Test
    void anOrphanEarlyResultIsForgottenAfterRetention() {
        router.result(finished("c1").build());
        router.advanceWallClock(RouterDriver.TIMERS.retention().plusMillis(200));
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();

        assertThat(router.replies(GATEWAY)).isEmpty();
        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.ACCEPTED);
    }
}
