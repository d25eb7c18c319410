package dev.computefabric.router;

import static dev.computefabric.testing.TestCalls.call;
import static dev.computefabric.testing.TestResults.finished;
import static dev.computefabric.testing.TestResults.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The result cache inside the whole router topology: requests by cache key, runs, answers, lifecycle. */
class RouterCacheTest {

    private static final String GATEWAY = Topics.replies("gw-1");
    private static final String KEY = "5f1d0c";
    private static final long TTL_MS = 60_000;

    @RegisterExtension
    final RouterDriver router = new RouterDriver();

    @Test
    void identicalCallsInFlightRunOnceAndEveryCallerGetsTheResult() {
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c1");
        router.result(finished("c1").output("42").build());

        List<FuncResult> replies = router.replies(GATEWAY);
        assertThat(replies).extracting(FuncResult::getCallId).containsExactlyInAnyOrder("c1", "c2");
        assertThat(replies).allSatisfy(reply -> assertThat(reply.getOutput()).isEqualTo("42"));
        assertThat(replies)
                .filteredOn(reply -> reply.getCallId().equals("c2"))
                .singleElement()
                .satisfies(reply -> assertThat(reply.getCachedFrom()).isEqualTo("c1"));
        assertThat(finalStates()).containsEntry("c1", CallState.FINISHED).containsEntry("c2", CallState.FINISHED);
    }

    @Test
    void aRepeatedCallWithinTheTtlIsAnsweredWithoutRunning() {
        router.cacheRequest(cacheable("c1"));
        router.result(finished("c1").output("\"first\"").build());
        router.calls(RouterDriver.ANY);
        router.replies(GATEWAY);

        router.cacheRequest(cacheable("c3"));

        assertThat(router.calls(RouterDriver.ANY)).isEmpty();
        assertThat(router.replies(GATEWAY)).singleElement().satisfies(reply -> {
            assertThat(reply.getCallId()).isEqualTo("c3");
            assertThat(reply.getOutput()).isEqualTo("\"first\"");
            assertThat(reply.getCachedFrom()).isEqualTo("c1");
        });
    }

    @Test
    void afterTheTtlTheCallRunsAgain() {
        router.cacheRequest(cacheable("c1"));
        router.result(finished("c1").build());
        router.calls(RouterDriver.ANY);

        router.advanceWallClock(Duration.ofMillis(TTL_MS + 500));
        router.cacheRequest(cacheable("c4"));

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c4");
    }

    @Test
    void aCallThatOptsForAShorterTtlDoesNotTakeAnOlderResult() {
        router.cacheRequest(cacheable("c1"));
        router.result(finished("c1").build());
        router.calls(RouterDriver.ANY);
        router.advanceWallClock(Duration.ofSeconds(10));

        router.cacheRequest(
                call("echo").id("c5").replyTo(GATEWAY).cached(KEY, 1_000).build());

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c5");
    }

    @Test
    void whenTheRunningCallIsCancelledTheNextIdenticalCallRunsInstead() {
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));
        router.calls(RouterDriver.ANY);

        router.cancel("c1", TestCalls.SUBMITTED.toEpochMilli() + 10);

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c2");
        router.result(finished("c2").output("7").build());
        assertThat(finalStates()).containsEntry("c1", CallState.CANCELLED).containsEntry("c2", CallState.FINISHED);
    }

    @Test
    void aWaiterThatIsCancelledLeavesTheQueueAndDoesNotRunLater() {
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));
        router.cacheRequest(cacheable("c3"));
        router.calls(RouterDriver.ANY);

        router.cancel("c2", TestCalls.SUBMITTED.toEpochMilli() + 10);
        router.cancel("c1", TestCalls.SUBMITTED.toEpochMilli() + 20);

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c3");
        router.result(finished("c3").build());
        assertThat(finalStates())
                .containsEntry("c1", CallState.CANCELLED)
                .containsEntry("c2", CallState.CANCELLED)
                .containsEntry("c3", CallState.FINISHED);
    }

    @Test
    void aFailedRunAnswersItsWaitersButIsNotCached() {
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));
        router.result(result("c1", CallState.FAILED).build());
        assertThat(finalStates()).containsEntry("c2", CallState.FAILED);
        router.calls(RouterDriver.ANY);

        router.cacheRequest(cacheable("c3"));

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c3");
    }

    @Test
    void aRequestReadAgainRunsAgainRatherThanWaitForARunThatMayBeLostButDoesNotJoinItself() {
        router.cacheRequest(cacheable("c1"));
        // Read again after the router stopped between storing the request and committing it: the run it sent
        // may never have reached Kafka.
        router.cacheRequest(cacheable("c1"));
        router.result(finished("c1").build());

        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c1", "c1");
        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getCallId).containsExactly("c1");
    }

    @Test
    void aRequestReadAgainAfterItsCallEndedNeitherRunsNorIsAnsweredTwice() {
        router.cacheRequest(cacheable("c1"));
        router.result(result("c1", CallState.FAILED).build());
        router.calls(RouterDriver.ANY);
        router.replies(GATEWAY);

        router.cacheRequest(cacheable("c1"));

        assertThat(router.calls(RouterDriver.ANY)).isEmpty();
        assertThat(router.replies(GATEWAY)).isEmpty();
        assertThat(finalStates()).containsEntry("c1", CallState.FAILED);
    }

    @Test
    void theResultThatEndedALeaderReadAgainAnswersItsWaitersAgain() {
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));
        FuncResult ended = result("c1", CallState.FAILED).build();
        router.result(ended);
        router.replies(GATEWAY);
        // Read again after the router stopped before committing it: the copies for c2 may not have reached Kafka.
        router.cacheCompletion(KEY, ended);

        assertThat(router.answers()).extracting(FuncResult::getCallId).containsExactly("c2", "c2");
        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c1");
        assertThat(finalStates()).containsEntry("c2", CallState.FAILED);
    }

    @Test
    void aLeaderRunAgainAfterARestartReadItsEndFirstStillAnswersTheCallsThatWaitForIt() {
        router.cacheRequest(cacheable("c1"));
        router.result(finished("c1").output("\"first\"").build());
        FuncResult ended = router.replies(GATEWAY).get(0);
        router.calls(RouterDriver.ANY);
        // Killed before its commit: the cache's entry never reached the changelog, and the router that takes over
        // reads c1's end before c1's request. The end finds no entry; the request makes c1 lead and run again.
        router.loseCacheEntry(KEY);
        router.cacheCompletion(KEY, ended);
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));
        assertThat(router.calls(RouterDriver.ANY))
                .extracting(FuncCall::getCallId)
                .containsExactly("c1");

        router.result(finished("c1").output("\"second\"").attempt(1).build());

        assertThat(router.replies(GATEWAY))
                .as("c1 answered once; c2 answered with what c1's caller got")
                .singleElement()
                .satisfies(reply -> {
                    assertThat(reply.getCallId()).isEqualTo("c2");
                    assertThat(reply.getOutput()).isEqualTo("\"first\"");
                    assertThat(reply.getCachedFrom()).isEqualTo("c1");
                });
        router.cacheRequest(cacheable("c3"));
        assertThat(router.calls(RouterDriver.ANY))
                .as("c3 is answered from the cache")
                .isEmpty();
        assertThat(finalStates()).containsEntry("c3", CallState.FINISHED);
    }

    @Test
    void aLeaderThatRanTwiceAnswersItsWaitersOnce() {
        router.cacheRequest(cacheable("c1"));
        router.cacheRequest(cacheable("c2"));
        router.result(finished("c1").output("\"first\"").build());
        assertThat(router.answers()).extracting(FuncResult::getCallId).containsExactly("c2");

        // Its lock ran out while it ran, and another executor ran it too.
        router.result(finished("c1").output("\"second\"").attempt(1).build());

        assertThat(router.answers()).as("no second copy for c2").isEmpty();
        assertThat(router.replies(GATEWAY)).extracting(FuncResult::getCallId).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void cachedCallsCarryTheirKeyInTheirStatus() {
        router.cacheRequest(cacheable("c1"));
        router.afterGrace();

        assertThat(router.statuses()).singleElement().satisfies(status -> {
            assertThat(status.getState()).isEqualTo(CallState.ACCEPTED);
            assertThat(status.getCacheKey()).isEqualTo(KEY);
            assertThat(status.getCapset()).isEqualTo("any");
        });
    }

    private static FuncCall cacheable(String callId) {
        return call("echo").id(callId).replyTo(GATEWAY).cached(KEY, TTL_MS).build();
    }

    private Map<String, CallState> finalStates() {
        Map<String, CallState> last = new HashMap<>();
        for (CallStatus status : router.statuses()) {
            last.put(status.getCallId(), status.getState());
        }
        return last;
    }
}
