package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;

/** How running a call ended: with a result to publish, or abandoned so that the call runs again elsewhere. */
public sealed interface CallOutcome {

    FuncCall call();

    /** The call ran (or was refused, or stopped by the node) and has a terminal result: FINISHED, FAILED, TIMED_OUT or CANCELLED. */
    record Completed(FuncCall call, FuncResult result) implements CallOutcome {}

    /**
     * The call did not end here: interrupted by a shutdown past the drain deadline (not by a CANCEL or its
     * deadline), or its worker died. No result is published and its record is not acknowledged, so the
     * fabric delivers it again.
     */
    record Abandoned(FuncCall call, String reason) implements CallOutcome {}
}
