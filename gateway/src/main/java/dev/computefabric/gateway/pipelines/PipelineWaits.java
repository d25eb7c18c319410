package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.calls.PendingReplies;
import dev.computefabric.schemas.Lifecycle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where this gateway finds pipelines, and holds requests until a pipeline ends or their wait passes: the calls'
 * {@link PendingReplies}, keyed by pipeline id. A wait ends on the pipeline's terminal status from
 * {@code fabric.pipelines.status} (any gateway), or on its result on this gateway's reply topic (the gateway that
 * accepted it), whichever comes first.
 */
public final class PipelineWaits {

    private final RecentPipelines pipelines;
    private final PendingReplies pending;

    public PipelineWaits(RecentPipelines pipelines, PendingReplies pending) {
        this.pipelines = pipelines;
        this.pending = pending;
    }

    /**
     * The pipeline {@code pipelineId}.
     *
     * @throws PipelineNotFoundException it is not known here
     */
    public PipelineStatus require(String pipelineId) {
        return pipelines.find(pipelineId).orElseThrow(() -> new PipelineNotFoundException(pipelineId));
    }

    /** The pipeline {@code pipelineId}, after waiting up to {@code wait} for its end. */
    public CompletableFuture<PipelineStatus> find(String pipelineId, Optional<Duration> wait) {
        return await(require(pipelineId), wait);
    }

    /** Once {@code accepted} completes: the pipeline, after waiting up to {@code wait} for its end. */
    public CompletableFuture<PipelineStatus> afterAcceptance(
            CompletableFuture<PipelineStatus> accepted, Optional<Duration> wait) {
        return accepted.thenCompose(status -> await(status, wait));
    }

    /** One record of {@code fabric.pipelines.status}; a terminal one completes the waits for it. */
    public void onStatus(String pipelineId, PipelineStatus status) {
        pipelines.onStatus(pipelineId, status);
        if (status != null && PipelineStatuses.isTerminal(status)) {
            pending.complete(PipelineStatuses.asResult(status));
        }
    }

    /**
     * A result on this gateway's reply topic, if it is a pipeline's: recorded, and its waits completed.
     *
     * @return false when no pipeline of that id is known here: the result is a call's
     */
    public boolean onReply(FuncResult result) {
        Optional<PipelineStatus> known = pipelines.find(result.getCallId());
        if (known.isEmpty()) {
            return false;
        }
        if (Lifecycle.isTerminal(result.getState())) {
            pipelines.endUnlessEnded(PipelineStatuses.ended(known.get(), result));
            pending.complete(result);
        }
        return true;
    }

    private CompletableFuture<PipelineStatus> await(PipelineStatus known, Optional<Duration> wait) {
        if (PipelineStatuses.isTerminal(known) || wait.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        String pipelineId = known.getPipelineId();
        CompletableFuture<Optional<FuncResult>> ended = pending.await(pipelineId, wait.get());
        // An end recorded after `known` was looked up but before the wait was registered completed nobody: deliver it.
        pipelines
                .find(pipelineId)
                .filter(PipelineStatuses::isTerminal)
                .ifPresent(status -> pending.complete(PipelineStatuses.asResult(status)));
        return ended.thenApply(result -> pipelines.find(pipelineId).orElse(known));
    }
}
