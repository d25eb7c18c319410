package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.Cancellations;
import dev.computefabric.gateway.calls.ControlPublisher;
import dev.computefabric.gateway.calls.Failures;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * {@code DELETE /v1/pipelines/{id}}: publishes a CANCEL to {@code fabric.pipelines.control}, keyed by pipeline id.
 * The router cancels the steps that run, skips those that wait, and ends the pipeline CANCELLED. Any gateway can
 * cancel any pipeline it knows.
 */
public final class PipelineCancellations {

    private final PipelineWaits waits;
    private final ControlPublisher control;
    private final String gatewayId;
    private final Clock clock;

    /** @param control writes to {@code fabric.pipelines.control} */
    public PipelineCancellations(PipelineWaits waits, ControlPublisher control, String gatewayId, Clock clock) {
        this.waits = waits;
        this.control = control;
        this.gatewayId = gatewayId;
        this.clock = clock;
    }

    /**
     * Requests the cancel once the broker acknowledged it; with a wait, completes when the pipeline ended or the wait
     * passed.
     *
     * @param caller who asks, named in the command; null on a gateway without authentication (then this gateway is)
     * @throws PipelineNotFoundException     the pipeline is unknown here
     * @throws PipelineAlreadyEndedException the pipeline already ended
     */
    public CompletableFuture<PipelineStatus> cancel(String pipelineId, Caller caller, Optional<Duration> wait) {
        PipelineStatus known = waits.require(pipelineId);
        if (PipelineStatuses.isTerminal(known)) {
            throw new PipelineAlreadyEndedException(pipelineId, known.getState());
        }
        String by = caller != null ? caller.name() : Cancellations.REQUESTED_BY_PREFIX + gatewayId;
        return control.publish(Cancellations.cancel(pipelineId, by, clock), OptionalInt.empty())
                .handle((acked, failure) -> {
                    if (failure != null) {
                        throw Failures.of("request the cancel of pipeline " + pipelineId, failure);
                    }
                    return acked;
                })
                .thenCompose(acked -> waits.find(pipelineId, wait));
    }
}
