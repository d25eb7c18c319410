package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.util.ArrayList;
import java.util.Map;

/** The {@link PipelineStatus} values the gateway makes itself, before and besides the router's. */
public final class PipelineStatuses {

    static {
        // Builders fill defaults of generated types (a step's tables): Avro must trust them before any serde exists.
        SpecificRecords.trustGeneratedClasses();
    }

    /** {@code FuncResult.function} of the results that complete waits for a pipeline. */
    static final String FUNCTION = "pipeline";

    private PipelineStatuses() {}

    /** A pipeline the broker has just acknowledged, which the router has not reported on yet: every step WAITING. */
    public static PipelineStatus accepted(Pipeline pipeline) {
        return PipelineStatus.newBuilder()
                .setPipelineId(pipeline.getPipelineId())
                .setName(pipeline.getName())
                .setState(CallState.ACCEPTED)
                .setCaller(pipeline.getCaller())
                .setSubmittedAt(pipeline.getSubmittedAt())
                .setUpdatedAt(pipeline.getSubmittedAt())
                .setDeadlineAt(
                        pipeline.getTimeoutMs() == null
                                ? null
                                : pipeline.getSubmittedAt().plusMillis(pipeline.getTimeoutMs()))
                .setSteps(new ArrayList<>(pipeline.getSteps().stream()
                        .map(step -> StepStatus.newBuilder()
                                .setName(step.getName())
                                .setFunction(step.getFunction())
                                .setState(StepState.WAITING)
                                .build())
                        .toList()))
                .setError(null)
                .build();
    }

    /** {@code status} as the pipeline's end, {@code result} from the reply topic, leaves it; steps as last reported. */
    public static PipelineStatus ended(PipelineStatus status, FuncResult result) {
        return PipelineStatus.newBuilder(status)
                .setState(result.getState())
                .setUpdatedAt(result.getFinishedAt())
                .setError(result.getError())
                .build();
    }

    /** The end of {@code status} as the result that completes waits for it; only for a terminal status. */
    public static FuncResult asResult(PipelineStatus status) {
        return FuncResult.newBuilder()
                .setCallId(status.getPipelineId())
                .setFunction(FUNCTION)
                .setState(status.getState())
                .setOutput(null)
                .setTables(Map.of())
                .setError(status.getError())
                .setFinishedAt(status.getUpdatedAt())
                .build();
    }

    public static boolean isTerminal(PipelineStatus status) {
        return Lifecycle.isTerminal(status.getState());
    }
}
