package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallState;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    // The expected table, written out independently of Lifecycle's own code: row = from, column = to.
    // '=' same state (allowed no-op), '>' allowed move, '.' refused.
    private static final List<CallState> COLUMNS = List.of(
            CallState.ACCEPTED,
            CallState.RUNNING,
            CallState.RETRYING,
            CallState.FINISHED,
            CallState.FAILED,
            CallState.CANCELLED,
            CallState.TIMED_OUT);
    private static final List<String> TABLE = List.of(
            //          ACC RUN RET FIN FAI CAN TIM
            "ACCEPTED    =   >   >   >   >   >   >",
            "RUNNING     .   =   >   >   >   >   >",
            "RETRYING    .   >   =   >   >   >   >",
            "FINISHED    .   .   .   =   .   .   .",
            "FAILED      .   .   .   .   =   .   .",
            "CANCELLED   .   .   .   .   .   =   .",
            "TIMED_OUT   .   .   .   .   .   .   =");

    @Test
    void everyPairOfStatesMovesExactlyAsTheTableSays() {
        assertThat(TABLE).hasSize(CallState.values().length);
        for (String row : TABLE) {
            String[] cells = row.trim().split("\\s+");
            CallState from = CallState.valueOf(cells[0]);
            for (int i = 0; i < COLUMNS.size(); i++) {
                CallState to = COLUMNS.get(i);
                String cell = cells[i + 1];
                assertThat(Lifecycle.canMove(from, to))
                        .as("canMove %s -> %s", from, to)
                        .isEqualTo(!cell.equals("."));
                assertThat(Lifecycle.advances(from, to))
                        .as("advances %s -> %s", from, to)
                        .isEqualTo(cell.equals(">"));
            }
        }
    }

    @Test
    void exactlyFinishedFailedCancelledAndTimedOutAreTerminal() {
        for (CallState state : CallState.values()) {
            boolean terminal = state == CallState.FINISHED
                    || state == CallState.FAILED
                    || state == CallState.CANCELLED
                    || state == CallState.TIMED_OUT;
            assertThat(Lifecycle.isTerminal(state)).as("isTerminal %s", state).isEqualTo(terminal);
        }
    }

    @Test
    void aTerminalStateHasNoNextState() {
        for (CallState terminal : Lifecycle.TERMINAL) {
            assertThat(Lifecycle.next(terminal)).as("next(%s)", terminal).isEmpty();
        }
    }

    @Test
    void nextNeverContainsTheStateItself() {
        for (CallState state : CallState.values()) {
            assertThat(Lifecycle.next(state)).doesNotContain(state);
        }
    }

    @Test
    void refusesNullStatesAndNamesTheArgument() {
        assertThatThrownBy(() -> Lifecycle.canMove(null, CallState.RUNNING)).hasMessageContaining("from");
        assertThatThrownBy(() -> Lifecycle.canMove(CallState.RUNNING, null)).hasMessageContaining("to");
        assertThatThrownBy(() -> Lifecycle.isTerminal(null)).hasMessageContaining("state");
    }
}
