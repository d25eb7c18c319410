package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;

/**
 * The last word on a started call, as its dispatcher needs it: only {@link Published} may acknowledge the
 * call's record (commit its offset; with share groups, ACCEPT it). The other two leave the record to be
 * delivered again.
 */
public sealed interface Settlement {

    FuncCall call();

    /** The result is durably in {@code fabric.results}. */
    record Published(FuncCall call, FuncResult result) implements Settlement {
    }

    /** The call did not finish here; see {@link CallOutcome.Abandoned}. */
    record Abandoned(FuncCall call, String reason) implements Settlement {
    }

    /** The call has a result but the broker did not take it (after the producer's own retries). */
    record Unpublished(FuncCall call, FuncResult result, Throwable error) implements Settlement {
    }
}
