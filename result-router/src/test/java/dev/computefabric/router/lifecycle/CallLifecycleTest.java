package dev.computefabric.router.lifecycle;

import static dev.computefabric.router.Events.started;
import static dev.computefabric.testing.TestCalls.call;
import static dev.computefabric.testing.TestResults.finished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.router.Events;
import dev.computefabric.router.lifecycle.Decision.Verdict;
import dev.computefabric.testing.TestCalls;
import dev.computefabric.testing.TestResults;
import org.junit.jupiter.api.Test;

/** The router's rules without Kafka: one known state, one fact, one decision. */
class CallLifecycleTest {

    private static final String TOPIC = "fabric.calls.python";
    private static final String REPLIES = "fabric.replies.gw-1";

    @Test
    void aNewCallIsAcceptedWithItsCapsetReplyTopicAndSubmissionTime() {
        Decision decision = CallLifecycle.onCall(
                Known.NOTHING, call("echo").id("c1").replyTo(REPLIES).attempt(2).build(), TOPIC, 0);

        assertThat(decision.verdict()).isEqualTo(Verdict.APPLY);
        assertThat(decision.reply()).isNull();
        CallStatus status = decision.status();
        assertThat(status.getState()).isEqualTo(CallState.ACCEPTED);
        assertThat(status.getCapset()).isEqualTo("python");
        assertThat(status.getReplyTo()).isEqualTo(REPLIES);
        assertThat(status.getUpdatedAt()).isEqualTo(TestCalls.SUBMITTED);
        assertThat(status.getAttempt()).isEqualTo(2);
    }

    @Test
    void theStatusRecordsThePartitionTheCallWasReadFrom() {
        CallStatus status = CallLifecycle.onCall(
                        Known.NOTHING, call("echo").id("c1").build(), TOPIC, 4)
                .status();

        assertThat(status.getPartition()).isEqualTo(4);
    }

    @Test
    void theStatusCarriesTheCallerAndArgumentsOfUpToSixteenKibibytes() {
        CallStatus small = CallLifecycle.onCall(
                        Known.NOTHING,
                        call("c1").caller("ana").args("{\"x\": 1}").build(),
                        TOPIC,
                        0)
                .status();
        String large = "{\"x\": \"" + "a".repeat(CallLifecycle.MAX_STATUS_ARGS_CHARS) + "\"}";
        CallStatus big = CallLifecycle.onCall(
                        Known.NOTHING, call("c2").args(large).build(), TOPIC, 0)
                .status();

        assertThat(small.getCaller()).isEqualTo("ana");
        assertThat(small.getArgs()).isEqualTo("{\"x\": 1}");
        assertThat(big.getCaller()).isNull();
        assertThat(big.getArgs()).as("too large to ride on every status").isNull();
    }

    @Test
    void aCallSeenAgainChangesNothing() {
        assertThat(CallLifecycle.onCall(
                                Known.status(accepted()), call("echo").id("c1").build(), TOPIC, 0)
                        .verdict())
                .isEqualTo(Verdict.IGNORE);
    }

    @Test
    void aCallWhoseResultIsHeldCompletesAtOnceAndRepliesWithThatResult() {
        Known known = Known.earlyResult(finished("c1").output("7").build());

        Decision decision = CallLifecycle.onCall(
                known, call("echo").id("c1").replyTo(REPLIES).build(), TOPIC, 0);

        assertThat(decision.status().getState()).isEqualTo(CallState.FINISHED);
        assertThat(decision.status().getCapset()).isEqualTo("python");
        assertThat(decision.reply().topic()).isEqualTo(REPLIES);
        assertThat(decision.reply().result().getOutput()).isEqualTo("7");
    }

    @Test
    void aCallOnAMultiTagCapabilityTopicCarriesThatCapset() {
        assertThat(CallLifecycle.onCall(Known.NOTHING, call("echo").id("c1").build(), "fabric.calls.gpu.python", 0)
                        .status()
                        .getCapset())
                .isEqualTo("gpu.python");
    }

    @Test
    void aTopicThatNamesNoValidCapsetStillYieldsAStatusWithItsSuffix() {
        // A legal topic name, but '_' is not allowed in capability tags.
        Decision decision =
                CallLifecycle.onCall(Known.NOTHING, call("echo").id("c1").build(), "fabric.calls.gpu_x", 0);

        assertThat(decision.status().getCapset()).isEqualTo("gpu_x");
    }

    @Test
    void startedMovesAnAcceptedOrRetryingCallToRunningOnItsExecutor() {
        for (CallState from : new CallState[] {CallState.ACCEPTED, CallState.RETRYING}) {
            Decision decision = CallLifecycle.onEvent(
                    Known.status(in(from, 0)), started("c1").executor("e9").build());

            assertThat(decision.verdict()).as("from %s", from).isEqualTo(Verdict.APPLY);
            assertThat(decision.status().getState()).isEqualTo(CallState.RUNNING);
            assertThat(decision.status().getExecutorId()).isEqualTo("e9");
        }
    }

    @Test
    void aRepeatedStartedForTheSameAttemptChangesNothingButANewAttemptIsRecorded() {
        Known running = Known.status(in(CallState.RUNNING, 1));

        assertThat(CallLifecycle.onEvent(running, started("c1").attempt(1).build())
                        .verdict())
                .isEqualTo(Verdict.IGNORE);
        Decision next = CallLifecycle.onEvent(running, started("c1").attempt(2).build());
        assertThat(next.verdict()).isEqualTo(Verdict.APPLY);
        assertThat(next.status().getAttempt()).isEqualTo(2);
    }

    @Test
    void eventsBeforeTheCallAfterItEndedOrWithoutStateAreIgnored() {
        assertThat(CallLifecycle.onEvent(Known.NOTHING, started("c1").build()).verdict())
                .isEqualTo(Verdict.IGNORE);
        assertThat(CallLifecycle.onEvent(
                                Known.status(in(CallState.FINISHED, 0)),
                                started("c1").build())
                        .verdict())
                .isEqualTo(Verdict.IGNORE);
        assertThat(CallLifecycle.onEvent(
                                Known.status(accepted()),
                                Events.event("c1", CallEventType.LOG).build())
                        .verdict())
                .isEqualTo(Verdict.IGNORE);
    }

    @Test
    void aTerminalResultCompletesARunningCallAndKeepsTheResultInTheStatus() {
        Decision decision = CallLifecycle.onResult(
                Known.status(in(CallState.RUNNING, 0)),
                TestResults.result("c1", CallState.FAILED).executor("e2").build());

        assertThat(decision.status().getState()).isEqualTo(CallState.FAILED);
        assertThat(decision.status().getResult().getExecutorId()).isEqualTo("e2");
        assertThat(decision.status().getUpdatedAt()).isEqualTo(TestResults.FINISHED_AT);
        assertThat(decision.reply().topic()).isEqualTo(REPLIES);
    }

    @Test
    void aResultForAnEndedCallIsDropped() {
        for (CallState terminal :
                new CallState[] {CallState.FINISHED, CallState.FAILED, CallState.CANCELLED, CallState.TIMED_OUT}) {
            assertThat(CallLifecycle.onResult(
                                    Known.status(in(terminal, 0)),
                                    finished("c1").build())
                            .verdict())
                    .as("after %s", terminal)
                    .isEqualTo(Verdict.DROP);
        }
    }

    @Test
    void theResultThatEndedTheCallReadAgainSendsItsEndAgainWithoutChangingIt() {
        Decision ended = CallLifecycle.onResult(
                Known.status(in(CallState.RUNNING, 0)),
                finished("c1").output("42").build());

        Decision again = CallLifecycle.onResult(
                Known.status(ended.status()), finished("c1").output("42").build());

        assertThat(again.verdict()).isEqualTo(Verdict.REPEAT);
        assertThat(again.status()).isEqualTo(ended.status());
        assertThat(again.reply()).isEqualTo(ended.reply());
        assertThat(CallLifecycle.onResult(
                                Known.status(ended.status()),
                                finished("c1").output("43").build())
                        .verdict())
                .as("another run's result")
                .isEqualTo(Verdict.DROP);
    }

    @Test
    void anotherRunsEndOfACallTheCacheOrAPipelineFollowsSendsThemTheFirstEndAgain() {
        CallStatus cached = CallStatus.newBuilder(in(CallState.RUNNING, 0))
                .setCacheKey("5f1d0c")
                .build();
        CallStatus step = CallStatus.newBuilder(in(CallState.RUNNING, 0))
                .setPipelineId("p1")
                .build();
        for (CallStatus followed : new CallStatus[] {cached, step}) {
            Decision ended = CallLifecycle.onResult(
                    Known.status(followed), finished("c1").output("42").build());

            Decision again = CallLifecycle.onResult(
                    Known.status(ended.status()),
                    finished("c1").output("43").attempt(1).build());

            assertThat(again.verdict()).as("for %s", followed).isEqualTo(Verdict.REMIND);
            assertThat(again.status()).isEqualTo(ended.status());
            assertThat(again.status().getResult().getOutput()).isEqualTo("42");
            assertThat(again.reply()).as("the caller has its answer").isNull();
            assertThat(CallLifecycle.onResult(
                                    Known.status(ended.status()),
                                    FuncResult.newBuilder(finished("c1").build())
                                            .setCachedFrom("c0")
                                            .build())
                            .verdict())
                    .as("the cache's copy of another call's end")
                    .isEqualTo(Verdict.DROP);
        }
    }

    @Test
    void aPassedDeadlineYieldsATimedOutResultOnlyForACallStillUnderway() {
        long dueMs = TestCalls.SUBMITTED.toEpochMilli() + 5_000;

        assertThat(CallLifecycle.onDeadline(Known.status(in(CallState.RUNNING, 1)), dueMs))
                .hasValueSatisfying(result -> {
                    assertThat(result.getState()).isEqualTo(CallState.TIMED_OUT);
                    assertThat(result.getAttempt()).isEqualTo(1);
                    assertThat(result.getFinishedAt()).isEqualTo(TestCalls.SUBMITTED.plusMillis(5_000));
                    assertThat(result.getError().getMessage()).contains("5000 ms");
                });
        assertThat(CallLifecycle.onDeadline(Known.status(in(CallState.FINISHED, 1)), dueMs))
                .isEmpty();
        assertThat(CallLifecycle.onDeadline(Known.NOTHING, dueMs)).isEmpty();
    }

    @Test
    void aTerminalResultBeforeItsCallIsHeldAndASecondOneDropped() {
        assertThat(CallLifecycle.onResult(Known.NOTHING, finished("c1").build()).verdict())
                .isEqualTo(Verdict.PARK);
        assertThat(CallLifecycle.onResult(
                                Known.earlyResult(finished("c1").build()),
                                finished("c1").build())
                        .verdict())
                .isEqualTo(Verdict.DROP);
    }

    @Test
    void aRetryingResultMovesTheCallWithoutReplying() {
        Decision decision = CallLifecycle.onResult(
                Known.status(in(CallState.RUNNING, 0)),
                TestResults.result("c1", CallState.RETRYING).attempt(1).build());

        assertThat(decision.verdict()).isEqualTo(Verdict.APPLY);
        assertThat(decision.status().getState()).isEqualTo(CallState.RETRYING);
        assertThat(decision.status().getResult()).isNull();
        assertThat(decision.reply()).isNull();
    }

    @Test
    void aNonTerminalResultThatCannotMoveTheCallIsIgnored() {
        assertThat(CallLifecycle.onResult(
                                Known.NOTHING,
                                TestResults.result("c1", CallState.RETRYING).build())
                        .verdict())
                .isEqualTo(Verdict.IGNORE);
        assertThat(CallLifecycle.onResult(
                                Known.status(in(CallState.RUNNING, 0)),
                                TestResults.result("c1", CallState.ACCEPTED).build())
                        .verdict())
                .isEqualTo(Verdict.IGNORE);
    }

    @Test
    void aCallWithoutReplyToCompletesWithoutAReply() {
        CallStatus noReply = CallStatus.newBuilder(accepted()).setReplyTo(null).build();

        Decision decision =
                CallLifecycle.onResult(Known.status(noReply), finished("c1").build());

        assertThat(decision.status().getState()).isEqualTo(CallState.FINISHED);
        assertThat(decision.reply()).isNull();
    }

    private static CallStatus accepted() {
        return CallLifecycle.onCall(
                        Known.NOTHING, call("echo").id("c1").replyTo(REPLIES).build(), TOPIC, 0)
                .status();
    }

    private static CallStatus in(CallState state, int attempt) {
        return CallStatus.newBuilder(accepted())
                .setState(state)
                .setAttempt(attempt)
                .build();
    }
}
