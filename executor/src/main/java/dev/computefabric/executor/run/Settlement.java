package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import java.util.concurrent.CompletableFuture;

/**
 * The last word on a started call, as its dispatcher needs it: only {@link Published} may acknowledge the
 * call's record (commit its offset; with share groups, ACCEPT it). The other two leave the record to be
 * delivered again.
 */
public sealed interface Settlement {

    FuncCall call();

    /** The result is durably in {@code fabric.results}. */
    record Published(FuncCall call, FuncResult result) implements Settlement {}

    /** The call did not finish here; see {@link CallOutcome.Abandoned}. */
    record Abandoned(FuncCall call, String reason) implements Settlement {}

    /** The call has a result but the broker did not take it (after the producer's own retries). */
    record Unpublished(FuncCall call, FuncResult result, Throwable error) implements Settlement {}

    /**
     * How a call that ended with {@code outcome} settles: a result is published first, and settles once the
     * broker has taken it or refused it; an abandoned call settles at once.
     */
    static CompletableFuture<Settlement> of(CallOutcome outcome, ResultSink results) {
        if (outcome instanceof CallOutcome.Abandoned abandoned) {
            return CompletableFuture.completedFuture(new Abandoned(abandoned.call(), abandoned.reason()));
        }
        FuncResult result = ((CallOutcome.Completed) outcome).result();
        CompletableFuture<Void> sent;
        try {
            sent = results.publish(result);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ok, error) ->
                error == null ? new Published(outcome.call(), result) : new Unpublished(outcome.call(), result, error));
    }
}
