package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;

/** How running a call ended: with a result to publish, or abandoned so that the call runs again elsewhere. */
public sealed interface CallOutcome {

    FuncCall call();

    /** The call ran (or was refused) and has a terminal result: FINISHED, FAILED or TIMED_OUT. */
    record Completed(FuncCall call, FuncResult result) implements CallOutcome {
    }

    /**
     * The call was interrupted (the executor is shutting down past its drain deadline). No result is
     * published and its record is not acknowledged, so the fabric delivers it again.
     */
    record Abandoned(FuncCall call, String reason) implements CallOutcome {
    }
}
