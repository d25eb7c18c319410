package dev.computefabric.router;

import static dev.computefabric.router.Events.started;
import static dev.computefabric.testing.TestCalls.call;
import static dev.computefabric.testing.TestResults.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.TestCalls;
import dev.computefabric.testing.TestResults;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RouterTopologyTest {

    private static final String GATEWAY = Topics.replies("gw-1");

    @RegisterExtension
    final RouterDriver router = new RouterDriver();

    @Test
    void aCallThenItsResultIsRepliedOnTheGatewaysReplyTopicAndPublishedAsFinished() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.result(finished("c1").output("{\"echo\":1}").build());

        assertThat(router.replies(GATEWAY))
                .singleElement()
                .satisfies(reply -> assertThat(reply.getOutput()).isEqualTo("{\"echo\":1}"))
                .satisfies(reply -> assertThat(reply.getState()).isEqualTo(CallState.FINISHED));
        List<CallStatus> statuses = router.statuses();
        assertThat(statuses).extracting(CallStatus::getState).containsExactly(CallState.ACCEPTED, CallState.FINISHED);
        assertThat(statuses.get(1).getResult().getOutput()).isEqualTo("{\"echo\":1}");
    }

    @Test
    void aCallThatEndsWithinTheGracePublishesOnlyItsEnd() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.event(started("c1").build());
        router.result(finished("c1").build());
        router.afterGrace();

        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.FINISHED);
        assertThat(router.replies(GATEWAY)).singleElement();
    }

    @Test
    void aLongerCallPublishesItsLatestStatusOncePerGrace() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.event(started("c1").executor("executor-7").build());
        assertThat(router.statuses()).as("within the grace").isEmpty();

        router.afterGrace();
        assertThat(router.statuses()).singleElement().satisfies(status -> {
            assertThat(status.getState()).isEqualTo(CallState.RUNNING);
            assertThat(status.getExecutorId()).isEqualTo("executor-7");
        });
        router.afterGrace();
        assertThat(router.statuses()).as("nothing changed since").isEmpty();
    }

    @Test
    void progressIsPublishedOnTheStatusWhileTheCallRunsAndIgnoredOnceItEnded() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.event(Events.progress("c1", 0.25, "a quarter", 100).build());
        router.afterGrace();
        router.event(started("c1").build());
        router.event(Events.progress("c1", 1.5, "more than done", 200).build());
        router.afterGrace();
        router.event(Events.progress("c1", 0.5, "late and out of order", 50).build());
        router.afterGrace();
        router.result(finished("c1").build());
        router.event(Events.progress("c1", 0.75, "after the end", 300).build());

        List<CallStatus> statuses = router.statuses();
        assertThat(statuses)
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.RUNNING, CallState.RUNNING, CallState.FINISHED);
        assertThat(statuses.get(1).getProgress()).isEqualTo(0.25);
        assertThat(statuses.get(1).getProgressMessage()).isEqualTo("a quarter");
        assertThat(statuses.get(2).getProgress()).as("clamped to 1").isEqualTo(1.0);
        assertThat(router.replies(GATEWAY))
                .singleElement()
                .satisfies(r -> assertThat(r.getState()).isEqualTo(CallState.FINISHED));
    }

    @Test
    void anAcceptedCallCarriesTheCapsetOfItsTopicAndItsReplyTopic() {
        router.call(
                Topics.CALLS_PREFIX + "python",
                call("echo").id("c1").replyTo(GATEWAY).timeoutMs(60_000).build());
        router.afterGrace();

        assertThat(router.statuses()).singleElement().satisfies(status -> {
            assertThat(status.getState()).isEqualTo(CallState.ACCEPTED);
            assertThat(status.getCapset()).isEqualTo("python");
            assertThat(status.getReplyTo()).isEqualTo(GATEWAY);
            assertThat(status.getSubmittedAt()).isEqualTo(TestCalls.SUBMITTED);
            assertThat(status.getDeadlineAt()).isEqualTo(TestCalls.SUBMITTED.plusSeconds(60));
        });
    }

    @Test
    void aResultThatArrivesBeforeItsCallIsRoutedOnceTheCallArrives() {
        router.result(finished("c1").output("\"early\"").build());
        assertThat(router.replies(GATEWAY)).isEmpty();
        assertThat(router.statuses()).isEmpty();

        router.call(call("echo").id("c1").replyTo(GATEWAY).build());

        List<FuncResult> replies = router.replies(GATEWAY);
        assertThat(replies).extracting(FuncResult::getOutput).containsExactly("\"early\"");
        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.FINISHED);

        // The call read again (a router that restarted before its commit, or a second copy) sends the same end again.
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());

        assertThat(router.replies(GATEWAY)).isEqualTo(replies);
        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.FINISHED);
    }

    @Test
    void anotherResultForAnEndedCallIsDroppedAndCountedButTheResultThatEndedItIsSentAgain() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.result(finished("c1").build());
        router.result(finished("c1").output("\"another run\"").build());
        router.result(TestResults.result("c1", CallState.FAILED).build());

        assertThat(router.replies(GATEWAY)).hasSize(1);
        assertThat(router.droppedResults()).isEqualTo(2.0);

        // The same record read again (the router stopped before committing it): its reply may have been lost.
        router.result(finished("c1").build());

        assertThat(router.replies(GATEWAY))
                .singleElement()
                .isEqualTo(finished("c1").build());
        assertThat(router.statuses())
                .last()
                .satisfies(s -> assertThat(s.getState()).isEqualTo(CallState.FINISHED));
        assertThat(router.droppedResults()).isEqualTo(2.0);
    }

    @Test
    void aSecondResultBeforeItsCallIsDroppedAndCounted() {
        router.result(finished("c1").output("\"first\"").build());
        router.result(finished("c1").output("\"second\"").build());
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());

        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getOutput).containsExactly("\"first\"");
        assertThat(router.droppedResults()).isEqualTo(1.0);
    }

    @Test
    void aStartedEventMovesTheCallToRunning() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.event(started("c1").executor("executor-7").build());
        router.afterGrace();

        assertThat(router.statuses()).last().satisfies(status -> {
            assertThat(status.getState()).isEqualTo(CallState.RUNNING);
            assertThat(status.getExecutorId()).isEqualTo("executor-7");
            assertThat(status.getUpdatedAt()).isEqualTo(Events.STARTED_AT);
        });
    }

    @Test
    void eventsThatChangeNoStateAreNotPublished() {
        router.call(call("echo").id("c1").build());
        router.event(Events.event("c1", CallEventType.LOG).build());
        router.event(Events.event("c1", CallEventType.HEARTBEAT).build());
        router.afterGrace();

        assertThat(router.statuses()).extracting(CallStatus::getState).containsExactly(CallState.ACCEPTED);
    }

    @Test
    void anEventAfterTheCallEndedIsIgnored() {
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.afterGrace();
        router.result(finished("c1").build());
        router.event(started("c1").build());
        router.afterGrace();

        assertThat(router.statuses())
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.FINISHED);
        assertThat(router.droppedResults()).isZero();
    }

    @Test
    void aCallWithoutReplyToGetsItsStatusButNoReply() {
        router.call(call("echo").id("c1").replyTo(null).build());
        router.afterGrace();
        router.result(finished("c1").build());

        assertThat(router.statuses())
                .extracting(CallStatus::getState)
                .containsExactly(CallState.ACCEPTED, CallState.FINISHED);
        assertThat(router.replies(GATEWAY)).isEmpty();
    }

    @Test
    void callsOnTwoCapabilityTopicsAreAnsweredOnTheirOwnReplyTopics() {
        String otherGateway = Topics.replies("gw-2");
        router.call(
                Topics.CALLS_PREFIX + "python",
                call("echo").id("c1").replyTo(GATEWAY).build());
        router.call(
                Topics.CALLS_PREFIX + "gpu",
                call("echo").id("c2").replyTo(otherGateway).build());
        router.result(finished("c2").output("2").build());
        router.result(finished("c1").output("1").build());

        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getOutput).containsExactly("1");
        assertThat(router.replies(otherGateway))
                .extracting(FuncResult::getOutput)
                .containsExactly("2");
    }

    @Test
    void aRecordThatIsNotAvroGoesToTheDeadLetterTopicAndRoutingGoesOn() {
        router.pipe(RouterDriver.ANY, "junk", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        router.call(call("echo").id("c1").replyTo(GATEWAY).build());
        router.result(finished("c1").build());

        assertThat(router.deadLetters())
                .singleElement()
                .satisfies(dead -> assertThat(new String(dead.key(), StandardCharsets.UTF_8))
                        .isEqualTo("junk"));
        assertThat(router.replies(GATEWAY)).hasSize(1);
    }

    @Test
    void aCallThatCannotBeDecodedWhileTheRegistryIsDownStopsTheRouterInsteadOfBeingSkipped() {
        byte[] call = router.serialized(call("echo").id("c1").replyTo(GATEWAY).build());
        router.stopRegistry();

        assertThatThrownBy(() -> router.pipe(RouterDriver.ANY, "c1", call)).isInstanceOf(StreamsException.class);
        assertThat(router.deadLetters()).isEmpty();
        assertThat(router.statuses()).isEmpty();
    }
}
