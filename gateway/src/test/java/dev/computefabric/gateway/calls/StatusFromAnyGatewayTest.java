package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.calls.CallTestData.SUBMITTED;
import static dev.computefabric.gateway.calls.CallTestData.accepted;
import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link StatusUpdates} and {@link CombinedLookup}: the fabric.status view behind every gateway's lookup. */
class StatusFromAnyGatewayTest {

    private final RecentCalls mine = new RecentCalls(100, 1 << 20);
    private final RecentCalls view = new RecentCalls(100, 1 << 20);
    private final SettableClock clock = new SettableClock(Instant.ofEpochSecond(0));
    private final PendingReplies pending = new PendingReplies(clock);
    private final CallWatchers watchers = new CallWatchers();
    private final StatusUpdates updates = new StatusUpdates(view, mine, pending, watchers);
    private final CombinedLookup lookup = new CombinedLookup(mine, view);

    private static CallStatus status(String callId, CallState state, FuncResult result) {
        return CallStatus.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(state)
                .setCapset("any")
                .setSubmittedAt(SUBMITTED)
                .setUpdatedAt(SUBMITTED)
                .setExecutorId("exec-1")
                .setResult(result)
                .build();
    }

    @Test
    void aCallAcceptedByAnotherGatewayIsFoundFromItsStatus() {
        updates.onStatus("c1", status("c1", CallState.RUNNING, null));

        assertThat(lookup.find("c1")).hasValueSatisfying(call -> {
            assertThat(call.state()).isEqualTo(CallState.RUNNING);
            assertThat(call.executorId()).isEqualTo("exec-1");
        });
    }

    @Test
    void watchersOfACallAreToldOfEachStatusWithItsProgressUntilTheyStopWatching() throws Exception {
        List<CallSnapshot> seen = new ArrayList<>();
        AutoCloseable watch = watchers.watch("c1", seen::add);

        updates.onStatus("c2", status("c2", CallState.RUNNING, null));
        CallStatus halfway = status("c1", CallState.RUNNING, null);
        halfway.setProgress(0.5);
        halfway.setProgressMessage("half");
        updates.onStatus("c1", halfway);
        watch.close();
        updates.onStatus("c1", status("c1", CallState.FINISHED, finished("c1", "{}")));

        assertThat(seen).singleElement().satisfies(call -> {
            assertThat(call.state()).isEqualTo(CallState.RUNNING);
            assertThat(call.progress()).isEqualTo(new CallSnapshot.Progress(0.5, "half"));
        });
        assertThat(watchers.watchedCalls()).isZero();
    }

    @Test
    void theStatusViewKnowsMoreThanTheAcceptedCallOnceItRuns() {
        mine.remember(accepted("c1"));
        assertThat(lookup.find("c1")).map(CallSnapshot::state).hasValue(CallState.ACCEPTED);

        updates.onStatus("c1", status("c1", CallState.RUNNING, null));

        assertThat(lookup.find("c1")).map(CallSnapshot::state).hasValue(CallState.RUNNING);
    }

    @Test
    void aTerminalStatusCompletesWaitsForACallThisGatewayDidNotAccept() {
        CompletableFuture<Optional<FuncResult>> wait = pending.await("c1", Duration.ofSeconds(30));

        updates.onStatus("c1", status("c1", CallState.FINISHED, finished("c1", "{}")));

        assertThat(wait)
                .isCompletedWithValueMatching(result -> result.orElseThrow().getState() == CallState.FINISHED);
    }

    @Test
    void aTerminalStatusAlsoCompletesTheAcceptedCallWhoseReplyWasLost() {
        mine.remember(accepted("c1"));

        updates.onStatus("c1", status("c1", CallState.FINISHED, finished("c1", "{}")));

        assertThat(mine.find("c1")).map(CallSnapshot::state).hasValue(CallState.FINISHED);
    }

    @Test
    void aTombstoneForgetsTheCall() {
        updates.onStatus("c1", status("c1", CallState.RUNNING, null));
        updates.onStatus("c1", null);

        assertThat(lookup.find("c1")).isEmpty();
    }
}
