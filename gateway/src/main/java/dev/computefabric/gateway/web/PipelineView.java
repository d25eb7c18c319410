package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.gateway.web.CallView.ErrorView;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A pipeline as {@code /v1/pipelines} shows it. The shape is the same in every state; fields that do not apply yet
 * are null. Times are ISO-8601.
 *
 * @param state ACCEPTED until the router reports, then RUNNING, then FINISHED, FAILED, CANCELLED or TIMED_OUT
 * @param steps in the order the pipeline lists them; the onFailure step last, once it ran
 */
@JsonPropertyOrder({"pipelineId", "name", "state", "caller", "submittedAt", "updatedAt", "deadlineAt", "error", "steps"
})
public record PipelineView(
        String pipelineId,
        String name,
        String state,
        String caller,
        String submittedAt,
        String updatedAt,
        String deadlineAt,
        ErrorView error,
        List<StepView> steps) {

    /**
     * One step.
     *
     * @param state      WAITING, RUNNING, then FINISHED, FAILED, CANCELLED, TIMED_OUT or SKIPPED
     * @param callIds    the step's calls once it runs (one per chunk of a map step), each at {@code /v1/calls/{id}}
     * @param callsEnded how many of them ended
     * @param output     once FINISHED: its output as JSON (a map step's: the array of its chunks' outputs)
     * @param tables     once FINISHED: output tables as a call shows them
     */
    @JsonPropertyOrder({
        "name",
        "function",
        "state",
        "callIds",
        "callsEnded",
        "output",
        "tables",
        "error",
        "executorIds",
        "startedAt",
        "endedAt"
    })
    public record StepView(
            String name,
            String function,
            String state,
            List<String> callIds,
            int callsEnded,
            JsonNode output,
            Map<String, Object> tables,
            ErrorView error,
            List<String> executorIds,
            String startedAt,
            String endedAt) {}

    /** A page of pipelines, newest first. */
    public record ListView(List<PipelineView> pipelines) {}
}
