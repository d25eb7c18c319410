package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.CallState;
import dev.computefabric.gateway.calls.GatewayException;

/** A cancel for a pipeline that already ended: there is nothing to cancel. */
public final class PipelineAlreadyEndedException extends GatewayException {

    public static final String CODE = "pipeline_already_ended";

    public PipelineAlreadyEndedException(String pipelineId, CallState state) {
        super(
                CODE,
                "pipeline '" + pipelineId + "' already ended as " + state + "; an ended pipeline cannot be cancelled",
                null);
    }
}
