package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.avro.Table;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@link PipelineStatus} values the gateway makes itself, before and besides the router's. */
public final class PipelineStatuses {

    static {
        // Builders fill defaults of generated types (a step's tables): Avro must trust them before any serde exists.
        SpecificRecords.trustGeneratedClasses();
    }

    /** {@code FuncResult.function} of the results that complete waits for a pipeline. */
    static final String FUNCTION = "pipeline";

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        JsonNode outputs = outputsOf(result);
        List<StepStatus> steps = new ArrayList<>();
        for (StepStatus step : status.getSteps()) {
            JsonNode output = outputs.get(step.getName());
            steps.add(output == null ? step : finished(step, output, result));
        }
        return PipelineStatus.newBuilder(status)
                .setState(result.getState())
                .setUpdatedAt(result.getFinishedAt())
                .setError(result.getError())
                .setSteps(steps)
                .build();
    }

    /**
     * A step the completion names as finished: its output and tables from there. The reply may arrive before the
     * status that says the same (two topics), and a request waiting for the end must see every step's output.
     */
    private static StepStatus finished(StepStatus step, JsonNode output, FuncResult result) {
        Map<String, Table> tables = new LinkedHashMap<>();
        String prefix = step.getName() + ".";
        result.getTables().forEach((name, table) -> {
            if (name.startsWith(prefix)) {
                tables.put(name.substring(prefix.length()), table);
            }
        });
        return StepStatus.newBuilder(step)
                .setState(StepState.FINISHED)
                .setOutput(output.toString())
                .setTables(tables)
                .setCallsEnded(step.getCallIds().size())
                .setEndedAt(step.getEndedAt() == null ? result.getFinishedAt() : step.getEndedAt())
                .build();
    }

    /** The completion's output, each finished step's output by step name; empty if it has none. */
    private static JsonNode outputsOf(FuncResult result) {
        if (result.getOutput() == null) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode outputs = JSON.readTree(result.getOutput());
            return outputs.isObject() ? outputs : JSON.createObjectNode();
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
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
