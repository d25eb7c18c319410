package dev.computefabric.executor.run;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.executor.function.KeptTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same-node shortcut of pipelines: a call that FINISHED carrying a next step ({@code FuncCall.next}) publishes
 * its own result, then its worker runs the next step at once, on the slots the call holds and under the same
 * supervision (cancel, deadline, retries), with the output tables the call kept on the node as the step's inputs.
 * The call's record settles with the step's outcome: acknowledged once the step's result is written, released when
 * the step was abandoned or either result could not be written, so that both run again elsewhere. The kept tables
 * are deleted once the step ended, whatever happened.
 */
final class SameNodeShortcut {

    private static final Logger log = LoggerFactory.getLogger(SameNodeShortcut.class);

    private final CallSupervisor supervisor;
    private final ResultSink results;

    SameNodeShortcut(CallSupervisor supervisor, ResultSink results) {
        this.supervisor = supervisor;
        this.results = results;
    }

    /** Whether {@code outcome} is a call that FINISHED with a next step to run here. */
    static boolean follows(CallOutcome outcome) {
        return outcome instanceof CallOutcome.Completed completed
                && completed.result().getState() == CallState.FINISHED
                && completed.call().getNext() != null;
    }

    /** Runs the next step of {@code carrier} (which {@link #follows}) and settles the carrier's record with it. */
    CompletableFuture<Settlement> run(CallOutcome.Completed carrier) {
        try {
            Settlement own = published(carrier);
            if (!(own instanceof Settlement.Published)) {
                return CompletableFuture.completedFuture(own);
            }
            Map<String, Table> kept = new LinkedHashMap<>();
            carrier.kept().forEach((name, table) -> kept.put(name, table.table()));
            NextStepCall.Start start = NextStepCall.of(
                    carrier.call(),
                    carrier.result(),
                    kept,
                    supervisor.executorId(),
                    supervisor.clock().instant());
            logShortcut(carrier.call(), start.call(), carrier.kept());
            CallOutcome next = start instanceof NextStepCall.Ended ended
                    ? new CallOutcome.Completed(ended.call(), ended.result())
                    : supervisor.run(start.call());
            return Settlement.of(next, results);
        } finally {
            carrier.releaseKept();
        }
    }

    /** The carrier's own result, written before its next step runs; the wait is bounded by the producer's timeout. */
    private Settlement published(CallOutcome.Completed carrier) {
        try {
            return Settlement.of(carrier, results).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Settlement.Abandoned(
                    carrier.call(), "interrupted while its result was written, before its next step ran");
        } catch (ExecutionException e) {
            // Settlement.of completes with Unpublished rather than failing; this is only for completeness.
            return new Settlement.Unpublished(carrier.call(), carrier.result(), e.getCause());
        }
    }

    private static void logShortcut(FuncCall carrier, FuncCall next, Map<String, KeptTable> kept) {
        log.info(
                "call {} -> next step {} ({}) on this node; tables kept on the node: {}",
                carrier.getCallId(),
                next.getCallId(),
                next.getFunction(),
                kept.isEmpty()
                        ? "none"
                        : kept.entrySet().stream()
                                .map(e -> e.getKey() + " (" + e.getValue().sizeBytes() + " bytes)")
                                .collect(Collectors.joining(", ")));
    }
}
