package dev.computefabric.router.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineRun;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.avro.Table;
import dev.computefabric.schemas.ErrorTypes;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.StrictJson;
import dev.computefabric.schemas.pipelines.PipelineChecks;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves one pipeline along, a pure function of its run and the fact at hand (the pipeline arriving, one of its
 * steps' calls ending, a cancel): it changes the {@link PipelineRun} and collects what to send, the calls that
 * start steps and the cancels that stop them. The router's {@link PipelineProcessor} stores and sends them.
 *
 * <p>A step starts once every step it needs has FINISHED; the first steps run at the pipeline's priority, every
 * later one a level higher (a running pipeline goes before new work). The first step that fails, times out or is
 * cancelled ends the pipeline: its running steps are cancelled, its waiting ones skipped, and the {@code
 * onFailure} step, if any, runs before the pipeline ends in the failed step's state.
 */
final class PipelineDriver {

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private final PipelineRun run;
    private final long nowMs;
    private final List<FuncCall> calls = new ArrayList<>();
    private final List<ControlCommand> cancels = new ArrayList<>();
    private final List<FuncCall> announced = new ArrayList<>();
    private boolean changed;
    private boolean ended;

    private PipelineDriver(PipelineRun run, long nowMs) {
        this.run = run;
        this.nowMs = nowMs;
    }

    /** A pipeline just read: checked, then its first steps started (or it ends FAILED, saying why). */
    static PipelineDriver start(Pipeline pipeline, long nowMs) {
        List<StepStatus> steps = new ArrayList<>();
        pipeline.getSteps().forEach(step -> steps.add(waiting(step)));
        Long timeoutMs = pipeline.getTimeoutMs();
        PipelineStatus status = PipelineStatus.newBuilder()
                .setPipelineId(pipeline.getPipelineId())
                .setName(pipeline.getName())
                .setState(CallState.RUNNING)
                .setCaller(pipeline.getCaller())
                .setSubmittedAt(pipeline.getSubmittedAt())
                .setUpdatedAt(Instant.ofEpochMilli(nowMs))
                .setDeadlineAt(
                        timeoutMs == null ? null : pipeline.getSubmittedAt().plusMillis(timeoutMs))
                .setSteps(steps)
                .build();
        PipelineDriver driver = new PipelineDriver(
                PipelineRun.newBuilder().setPipeline(pipeline).setStatus(status).build(), nowMs);
        driver.changed = true;
        List<String> problems = PipelineChecks.problems(pipeline);
        if (!problems.isEmpty()) {
            driver.end(CallState.FAILED, error(ErrorTypes.BAD_PIPELINE, String.join("; ", problems)));
        } else {
            driver.advance();
        }
        return driver;
    }

    /** Continues a stored run. */
    static PipelineDriver of(PipelineRun run, long nowMs) {
        return new PipelineDriver(run, nowMs);
    }

    /**
     * One of the pipeline's calls ended. A result for a step that no longer runs changes nothing; the end of a call
     * that already ended is read again (the fact is repeated, {@link #repeat()}) unless it is a {@code reminder}
     * that another run of the call ended, which changes nothing either.
     */
    void onResult(FuncResult result, boolean reminder) {
        if (run.getEndedCalls().contains(result.getCallId())) {
            if (!reminder) {
                repeat();
            }
            return;
        }
        StepStatus step = stepOfCall(result.getCallId());
        if (step == null || step.getState() != StepState.RUNNING || !Lifecycle.isTerminal(result.getState())) {
            return;
        }
        changed = true;
        run.getEndedCalls().add(result.getCallId());
        if (result.getExecutorId() != null) {
            step.getExecutorIds().add(result.getExecutorId());
        }
        step.setCallsEnded(step.getCallsEnded() + 1);
        if (result.getState() != CallState.FINISHED) {
            step.getCallIds().forEach(run.getChunkOutputs()::remove);
            cancelCalls(step, result.getCallId());
            stepEnded(step, stepState(result.getState()), result.getError());
            if (isOnFailure(step)) {
                endAfterFailure();
            } else {
                failed(step);
            }
            return;
        }
        if (step.getCallIds().size() > 1) {
            run.getChunkOutputs().put(result.getCallId(), result.getOutput() == null ? "null" : result.getOutput());
            if (step.getCallsEnded() < step.getCallIds().size()) {
                return;
            }
            ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
            for (String callId : step.getCallIds()) {
                outputs.add(parse(run.getChunkOutputs().remove(callId)));
            }
            step.setOutput(outputs.toString());
        } else {
            step.setOutput(result.getOutput());
            step.setTables(new HashMap<>(result.getTables()));
        }
        stepEnded(step, StepState.FINISHED, null);
        if (isOnFailure(step)) {
            endAfterFailure();
        } else {
            advance();
        }
    }

    /**
     * The pipeline read again (the router restarted before committing it): what reading it caused is sent again,
     * since its stored effect may have outlived the records it forwarded.
     */
    void onPipelineAgain() {
        repeat();
    }

    /**
     * The router is at least once: a fact it applied may be read again after a restart, with the run stored but the
     * calls, status or completion it forwarded lost. So a fact read again sends again every running step's calls
     * that have not ended, the status and, if the pipeline ended, its completion. A call sent twice is run twice at
     * worst (its lifecycle keeps the first end); nothing waits forever.
     */
    private void repeat() {
        changed = true;
        ended = Lifecycle.isTerminal(status().getState());
        for (StepStatus status : status().getSteps()) {
            if (status.getState() == StepState.RUNNING) {
                PipelineStep step = spec(status.getName());
                JsonNode failure = isOnFailure(status) ? failureOf(step(run.getFailedStep())) : null;
                for (FuncCall call :
                        stepCalls().of(step, new StepInputs(pipeline(), this::step, failure), remaining())) {
                    if (status.getCallIds().contains(call.getCallId())
                            && !run.getEndedCalls().contains(call.getCallId())) {
                        (step.getSameNode() ? announced : calls).add(call);
                    }
                }
            }
        }
    }

    /** Someone cancelled the pipeline: every running step is cancelled, nothing more starts. */
    void cancel(ControlCommand command) {
        if (Lifecycle.isTerminal(status().getState())) {
            return;
        }
        changed = true;
        stopAll();
        String by = command.getRequestedBy() == null ? "" : " by " + command.getRequestedBy();
        String reason = command.getReason() == null ? "" : ": " + command.getReason();
        end(CallState.CANCELLED, error(ErrorTypes.CANCELLED, "pipeline cancelled" + by + reason));
    }

    PipelineRun run() {
        return run;
    }

    /** Whether the run changed (store and publish it). */
    boolean changed() {
        return changed;
    }

    /** Whether the pipeline ended with this fact. */
    boolean ended() {
        return ended;
    }

    List<FuncCall> calls() {
        return calls;
    }

    List<ControlCommand> cancels() {
        return cancels;
    }

    /** Calls of sameNode steps, for the lifecycle to follow: a node runs them without a calls topic. */
    List<FuncCall> announced() {
        return announced;
    }

    /**
     * The pipeline's completion for its {@code replyTo}: {@code callId} is the pipeline id, the output maps each
     * finished step to its output, the tables are every finished step's output tables as {@code <step>.<table>}.
     */
    FuncResult completion() {
        PipelineStatus status = status();
        ObjectNode outputs = JsonNodeFactory.instance.objectNode();
        Map<String, Table> tables = new LinkedHashMap<>();
        for (StepStatus step : status.getSteps()) {
            if (step.getState() == StepState.FINISHED) {
                outputs.set(step.getName(), parse(step.getOutput() == null ? "null" : step.getOutput()));
                step.getTables().forEach((name, table) -> tables.put(step.getName() + "." + name, table));
            }
        }
        return FuncResult.newBuilder()
                .setCallId(status.getPipelineId())
                .setFunction(status.getName() == null ? "pipeline" : "pipeline " + status.getName())
                .setState(status.getState())
                .setOutput(outputs.toString())
                .setTables(tables)
                .setError(status.getError())
                .setStartedAt(status.getSubmittedAt())
                .setFinishedAt(status.getUpdatedAt())
                .build();
    }

    /** Starts every waiting step whose steps are all FINISHED; ends the pipeline FINISHED when every step has. */
    private void advance() {
        Map<String, StepState> states = new HashMap<>();
        status().getSteps().forEach(step -> states.put(step.getName(), step.getState()));
        boolean allFinished = true;
        for (PipelineStep step : pipeline().getSteps()) {
            StepStatus status = step(step.getName());
            if (status.getState() == StepState.WAITING && needsMet(step, states)) {
                startStep(step, status, null);
                if (run.getFailedStep() != null) {
                    return;
                }
            }
            allFinished &= status.getState() == StepState.FINISHED;
        }
        if (allFinished) {
            end(CallState.FINISHED, null);
        }
    }

    private static boolean needsMet(PipelineStep step, Map<String, StepState> states) {
        Set<String> needs = PipelineChecks.dependencies(step);
        return needs.stream().allMatch(name -> states.get(name) == StepState.FINISHED);
    }

    /** Sends the step's calls; a step whose references find nothing, or that has no time left, fails instead. */
    private void startStep(PipelineStep step, StepStatus status, JsonNode failure) {
        status.setStartedAt(Instant.ofEpochMilli(nowMs));
        Instant deadline = status().getDeadlineAt();
        Long timeoutMs = null;
        if (deadline != null && failure == null) {
            timeoutMs = deadline.toEpochMilli() - nowMs;
            if (timeoutMs <= 0) {
                stepEnded(
                        status,
                        StepState.TIMED_OUT,
                        error(
                                ErrorTypes.TIMEOUT,
                                "the pipeline's deadline passed before step '" + step.getName() + "' could start"));
                failed(status);
                return;
            }
        }
        List<FuncCall> started;
        try {
            started = stepCalls().of(step, new StepInputs(pipeline(), this::step, failure), timeoutMs);
        } catch (StepInputs.UnresolvedException e) {
            stepEnded(status, StepState.FAILED, error(ErrorTypes.BAD_REFERENCE, e.getMessage()));
            if (failure == null) {
                failed(status);
            } else {
                endAfterFailure();
            }
            return;
        }
        status.setState(StepState.RUNNING);
        started.forEach(call -> status.getCallIds().add(call.getCallId()));
        (step.getSameNode() ? announced : calls).addAll(started);
    }

    /** The first failure ends the pipeline: others stop, and onFailure runs if there is one. */
    private void failed(StepStatus step) {
        if (run.getFailedStep() != null) {
            return;
        }
        run.setFailedStep(step.getName());
        stopAll();
        PipelineStep onFailure = pipeline().getOnFailure();
        if (onFailure == null) {
            endAfterFailure();
            return;
        }
        StepStatus handler = waiting(onFailure);
        status().getSteps().add(handler);
        startStep(onFailure, handler, failureOf(step));
    }

    /** What {@code ${failure}} is: the failed step, its state and error. */
    private static JsonNode failureOf(StepStatus step) {
        ObjectNode failure = JsonNodeFactory.instance
                .objectNode()
                .put("step", step.getName())
                .put("state", step.getState().name());
        if (step.getError() != null) {
            failure.putObject("error")
                    .put("type", step.getError().getType())
                    .put("message", step.getError().getMessage());
        }
        return failure;
    }

    private PipelineStep spec(String name) {
        PipelineStep onFailure = pipeline().getOnFailure();
        if (onFailure != null && onFailure.getName().equals(name)) {
            return onFailure;
        }
        return pipeline().getSteps().stream()
                .filter(step -> step.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** What is left of the pipeline's deadline, or null without one (never below 1 ms: the router ends it). */
    private Long remaining() {
        Instant deadline = status().getDeadlineAt();
        return deadline == null ? null : Math.max(1, deadline.toEpochMilli() - nowMs);
    }

    /** Ends the pipeline in the state of the step that failed, with its error. */
    private void endAfterFailure() {
        StepStatus failed = step(run.getFailedStep());
        CallState state = switch (failed.getState()) {
            case TIMED_OUT -> CallState.TIMED_OUT;
            case CANCELLED -> CallState.CANCELLED;
            default -> CallState.FAILED;
        };
        String why = failed.getError() == null ? "" : ": " + failed.getError().getMessage();
        end(
                state,
                error(
                        failed.getError() == null
                                ? state.name()
                                : failed.getError().getType(),
                        "step '" + failed.getName() + "' ended " + failed.getState() + why));
    }

    /** Cancels every running step's calls and skips every waiting step. */
    private void stopAll() {
        for (StepStatus step : status().getSteps()) {
            if (step.getState() == StepState.RUNNING) {
                cancelCalls(step, null);
                stepEnded(step, StepState.CANCELLED, null);
            } else if (step.getState() == StepState.WAITING) {
                step.setState(StepState.SKIPPED);
            }
        }
    }

    /** Cancels the step's calls but {@code ended} (a map step's other chunks when one failed). */
    private void cancelCalls(StepStatus step, String ended) {
        for (String callId : step.getCallIds()) {
            if (!callId.equals(ended)) {
                cancels.add(ControlCommand.newBuilder()
                        .setCallId(callId)
                        .setType(ControlType.CANCEL)
                        .setAt(Instant.ofEpochMilli(nowMs))
                        .setReason("pipeline " + status().getPipelineId() + " stopped step '" + step.getName() + "'")
                        .build());
            }
        }
    }

    private void end(CallState state, ErrorInfo error) {
        status().setState(state);
        status().setError(error);
        status().setUpdatedAt(Instant.ofEpochMilli(nowMs));
        ended = true;
    }

    private void stepEnded(StepStatus step, StepState state, ErrorInfo error) {
        step.setState(state);
        step.setError(error);
        step.setEndedAt(Instant.ofEpochMilli(nowMs));
        status().setUpdatedAt(Instant.ofEpochMilli(nowMs));
    }

    private StepStatus stepOfCall(String callId) {
        for (StepStatus step : status().getSteps()) {
            if (step.getCallIds().contains(callId)) {
                return step;
            }
        }
        return null;
    }

    private StepStatus step(String name) {
        for (StepStatus step : status().getSteps()) {
            if (step.getName().equals(name)) {
                return step;
            }
        }
        return null;
    }

    private boolean isOnFailure(StepStatus step) {
        PipelineStep onFailure = pipeline().getOnFailure();
        return step != null
                && onFailure != null
                && onFailure.getName().equals(step.getName())
                && run.getFailedStep() != null;
    }

    private StepCalls stepCalls() {
        return new StepCalls(pipeline(), status().getDeadlineAt(), nowMs);
    }

    private Pipeline pipeline() {
        return run.getPipeline();
    }

    private PipelineStatus status() {
        return run.getStatus();
    }

    private static StepStatus waiting(PipelineStep step) {
        return StepStatus.newBuilder()
                .setName(step.getName())
                .setFunction(step.getFunction())
                .setState(StepState.WAITING)
                .build();
    }

    private static StepState stepState(CallState state) {
        return switch (state) {
            case TIMED_OUT -> StepState.TIMED_OUT;
            case CANCELLED -> StepState.CANCELLED;
            default -> StepState.FAILED;
        };
    }

    private static ErrorInfo error(String type, String message) {
        return ErrorInfo.newBuilder().setType(type).setMessage(message).build();
    }

    /** An output as JSON; one that is not (a foreign executor's) as the JSON string of its text. */
    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return TextNode.valueOf(json);
        }
    }
}
