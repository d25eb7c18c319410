package dev.computefabric.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallState;
import dev.computefabric.gateway.calls.HeapBudget;
import dev.computefabric.gateway.calls.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallIndexTest {

    private final List<CallIndex.Change> changes = new ArrayList<>();
    private final CallIndex index = new CallIndex(1_000, HeapBudget.MAX_DEFAULT_BYTES, List.of(changes::add));

    @Test
    void pagesListTheNewestCallFirstAndTheCursorContinuesWhereThePageEnded() {
        for (int i = 0; i < 5; i++) {
            index.onStatus("c" + i, Statuses.of("c" + i, i).build());
        }

        CallIndex.Page first = index.page(query(null, null, null, 2));
        CallIndex.Page second = index.page(CallQuery.parse(null, null, null, null, first.next(), 2));
        CallIndex.Page last = index.page(CallQuery.parse(null, null, null, null, second.next(), 2));

        assertThat(ids(first)).containsExactly("c4", "c3");
        assertThat(ids(second)).containsExactly("c2", "c1");
        assertThat(ids(last)).containsExactly("c0");
        assertThat(last.next()).isNull();
        assertThat(first.total()).isEqualTo(5);
    }

    @Test
    void filtersByStateFunctionNodeAndCallerCountWhatMatches() {
        index.onStatus(
                "a", Statuses.of("a", 1).function("sleep").running("exec-1", 2).build());
        index.onStatus(
                "b",
                Statuses.of("b", 2)
                        .function("sleep")
                        .caller("ana")
                        .ended(CallState.FAILED, "exec-2", 3, 4)
                        .build());
        index.onStatus("c", Statuses.of("c", 3).caller("ana").build());

        assertThat(ids(index.page(query("RUNNING,FAILED", null, null, 10)))).containsExactly("b", "a");
        assertThat(ids(index.page(new CallQuery(Set.of(), "sleep", "exec-2", null, null, 10))))
                .containsExactly("b");
        CallIndex.Page ana = index.page(new CallQuery(Set.of(), null, null, "ana", null, 10));
        assertThat(ids(ana)).containsExactly("c", "b");
        assertThat(ana.total()).isEqualTo(2);
    }

    @Test
    void aStateChangeReplacesTheRowAndIsHeardWithItsPreviousVersion() {
        index.onStatus("a", Statuses.of("a", 1).build());
        index.onStatus(
                "a",
                Statuses.of("a", 1).running("exec-1", 2).progress(0.5, "half").build());

        CallRow row = index.page(CallQuery.all()).rows().get(0);
        assertThat(row.state()).isEqualTo(CallState.RUNNING);
        assertThat(row.progress()).isEqualTo(0.5);
        assertThat(row.gateway()).isEqualTo("gw-a");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).before().state()).isEqualTo(CallState.ACCEPTED);
        assertThat(changes.get(1).after().seq())
                .isGreaterThan(changes.get(0).after().seq());
    }

    @Test
    void theTimelineHasTheStepsSeenAndThoseAStatusFirstSeenLateImplies() {
        index.onStatus("seen", Statuses.of("seen", 0).build());
        index.onStatus("seen", Statuses.of("seen", 0).running("exec-1", 1).build());
        index.onStatus(
                "seen",
                Statuses.of("seen", 0).running("exec-1", 1).progress(0.3, null).build());
        index.onStatus(
                "seen",
                Statuses.of("seen", 0).ended(CallState.FINISHED, "exec-1", 1, 4).build());
        index.onStatus(
                "late",
                Statuses.of("late", 0).ended(CallState.FAILED, "exec-2", 2, 3).build());

        assertThat(index.details("seen").orElseThrow().timeline())
                .extracting(CallIndex.Step::state)
                .containsExactly(CallState.ACCEPTED, CallState.RUNNING, CallState.FINISHED);
        CallIndex.Details late = index.details("late").orElseThrow();
        assertThat(late.timeline())
                .extracting(CallIndex.Step::state)
                .containsExactly(CallState.ACCEPTED, CallState.RUNNING, CallState.FAILED);
        assertThat(late.timeline().get(1).executorId()).isEqualTo("exec-2");
        assertThat(late.timeline().get(1).at()).isEqualTo(Statuses.T0.plusSeconds(2));
        assertThat(late.args()).isEqualTo("{\"x\": 1}");
        assertThat(late.row().errorType()).isEqualTo("Boom");
    }

    @Test
    void queuedCallsAreCountedPerCapabilitySetUntilTheyStart() {
        index.onStatus("a", Statuses.of("a", 1).capset("python").build());
        index.onStatus("b", Statuses.of("b", 2).capset("python").build());
        index.onStatus("c", Statuses.of("c", 3).build());
        index.onStatus(
                "a", Statuses.of("a", 1).capset("python").running("exec-1", 4).build());

        assertThat(index.queuedByCapset()).isEqualTo(Map.of("python", 1, "any", 1));
        index.onStatus("c", null);
        assertThat(index.queuedByCapset()).isEqualTo(Map.of("python", 1));
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void whenFullTheOldestSubmittedCallsGoFirst() {
        CallIndex small = new CallIndex(3, HeapBudget.MAX_DEFAULT_BYTES, List.of());
        small.onStatus("new", Statuses.of("new", 10).build());
        small.onStatus("old", Statuses.of("old", 1).build());
        small.onStatus("mid", Statuses.of("mid", 5).build());
        small.onStatus("newest", Statuses.of("newest", 20).build());

        assertThat(ids(small.page(CallQuery.all()))).containsExactly("newest", "new", "mid");
    }

    @Test
    void aCursorThatWasNotGivenOutIsRefused() {
        assertThatThrownBy(() -> CallQuery.parse(null, null, null, null, "not-a-cursor", null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CallQuery.parse("SLEEPING", null, null, null, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("RUNNING");
    }

    private static CallQuery query(String states, String function, String node, int limit) {
        return CallQuery.parse(states, function, node, null, null, limit);
    }

    private static List<String> ids(CallIndex.Page page) {
        return page.rows().stream().map(CallRow::callId).toList();
    }
}
