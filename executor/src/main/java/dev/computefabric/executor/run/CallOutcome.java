package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.function.KeptTable;
import java.util.Map;

/** How running a call ended: with a result to publish, or abandoned so that the call runs again elsewhere. */
public sealed interface CallOutcome {

    FuncCall call();

    /**
     * The call ran (or was refused, or stopped by the node) and has a terminal result: FINISHED, FAILED, TIMED_OUT
     * or CANCELLED. A FINISHED call that carries a next step ({@code FuncCall.next}) may have {@code kept} output
     * tables for it, on the node and not in the result; whoever handles the outcome closes them.
     */
    record Completed(FuncCall call, FuncResult result, Map<String, KeptTable> kept) implements CallOutcome {

        public Completed {
            kept = Map.copyOf(kept);
        }

        public Completed(FuncCall call, FuncResult result) {
            this(call, result, Map.of());
        }

        /** Deletes the kept tables; idempotent. */
        public void releaseKept() {
            kept.values().forEach(KeptTable::close);
        }
    }

    /**
     * The call did not end here: interrupted by a shutdown past the drain deadline (not by a CANCEL or its
     * deadline), or its worker died. No result is published and its record is not acknowledged, so the
     * fabric delivers it again.
     */
    record Abandoned(FuncCall call, String reason) implements CallOutcome {}
}
