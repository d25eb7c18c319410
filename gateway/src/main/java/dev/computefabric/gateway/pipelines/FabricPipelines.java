package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.calls.Failures;
import dev.computefabric.gateway.calls.RequestedWait;
import dev.computefabric.gateway.pipelines.PipelineAdmission.Admitted;
import dev.computefabric.observability.tracing.CallMdc;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's pipeline handling: a submission is drafted ({@link PipelineFactory}), checked
 * ({@link PipelineAdmission}), its tables stored, remembered as ACCEPTED, written to {@code fabric.pipelines} and
 * accepted once the broker acknowledged it; the request then waits for its end if it asked to ({@link PipelineWaits}).
 * A pipeline the checks refuse leaves no trace.
 */
public final class FabricPipelines {

    private static final Logger log = LoggerFactory.getLogger(FabricPipelines.class);

    private final PipelineFactory factory;
    private final PipelineAdmission admission;
    private final PipelinePublisher publisher;
    private final RecentPipelines pipelines;
    private final PipelineWaits waits;

    public FabricPipelines(
            PipelineFactory factory,
            PipelineAdmission admission,
            PipelinePublisher publisher,
            RecentPipelines pipelines,
            PipelineWaits waits) {
        this.factory = factory;
        this.admission = admission;
        this.publisher = publisher;
        this.pipelines = pipelines;
        this.waits = waits;
    }

    /** The accepted pipeline, or after its wait the pipeline as it then is; a failed future if it was refused. */
    public CompletableFuture<PipelineStatus> submit(PipelineSubmission submission) {
        if (submission.idempotencyKey() != null) {
            // Sent again (a retry after a timeout or a broken connection): the pipeline it named, not a second one.
            Optional<PipelineStatus> earlier = pipelines.find(submission.keyedPipelineId());
            if (earlier.isPresent()) {
                return waits.find(
                        earlier.get().getPipelineId(),
                        submission.requestedWait().map(RequestedWait::duration));
            }
        }
        // Read on the request's thread: what follows may run on a catalog or topic thread.
        Optional<TraceParent> trace = CallMdc.trace();
        Pipeline draft = factory.draft(submission, trace);
        CompletableFuture<PipelineStatus> accepted = admission
                .admit(draft, submission.caller(), submission.tables())
                .thenCompose(admitted -> accept(admitted, submission, trace));
        return waits.afterAcceptance(accepted, submission.requestedWait().map(RequestedWait::duration));
    }

    /**
     * A result on this gateway's reply topic, if it is a pipeline's: its waits completed and, once it ended, its
     * place in its caller's quota freed.
     *
     * @return false when no pipeline of that id is known here: the result is a call's
     */
    public boolean onReply(FuncResult result) {
        if (!waits.onReply(result)) {
            return false;
        }
        if (Lifecycle.isTerminal(result.getState())) {
            admission.ended(result);
        }
        return true;
    }

    private CompletableFuture<PipelineStatus> accept(
            Admitted admitted, PipelineSubmission submission, Optional<TraceParent> trace) {
        Pipeline pipeline;
        try {
            pipeline = factory.stored(admitted.pipeline(), submission.tables());
        } catch (RuntimeException e) {
            admitted.quota().abandoned();
            throw e;
        }
        PipelineStatus accepted = PipelineStatuses.accepted(pipeline);
        // Remembered before the write: the router's first status, or a GET, may race the acknowledgement.
        pipelines.accepted(accepted);
        return publisher.publish(pipeline, trace).handle((acked, failure) -> {
            if (failure != null) {
                pipelines.forget(accepted);
                admitted.quota().abandoned();
                throw Failures.of("publish pipeline " + pipeline.getPipelineId() + " to " + Topics.PIPELINES, failure);
            }
            admitted.quota().accepted(pipeline.getPipelineId());
            log.debug(
                    "accepted pipeline {} ({} steps)",
                    pipeline.getPipelineId(),
                    pipeline.getSteps().size());
            return accepted;
        });
    }
}
