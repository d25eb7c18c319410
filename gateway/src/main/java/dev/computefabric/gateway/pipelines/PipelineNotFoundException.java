package dev.computefabric.gateway.pipelines;

import dev.computefabric.gateway.calls.GatewayException;

/** No pipeline with this id is known to this gateway (or it is another caller's). */
public final class PipelineNotFoundException extends GatewayException {

    public static final String CODE = "pipeline_not_found";

    public PipelineNotFoundException(String pipelineId) {
        super(
                CODE,
                "no pipeline with id '" + pipelineId + "' is known to this gateway (every gateway answers for the"
                        + " pipelines it accepted and for every pipeline on fabric.pipelines.status, while they are"
                        + " among the most recent ones it remembers)",
                null);
    }
}
