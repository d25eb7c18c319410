package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.calls.CallForbiddenException;
import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.gateway.calls.CallTopics;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.Failures;
import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.calls.FunctionNotFoundException;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.pipelines.PipelineChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a pipeline may be accepted, before anything of it is stored or published: the shared pipeline
 * checks (every problem at once), then each step as a call of its function would be checked (the catalog, the
 * policy's grants), naming the step that fails. Each step then goes to its requirements plus its function's
 * capabilities, as a call would, and the capability topics it may run on exist: at the pipeline's priority and one
 * level up, where the router sends the steps that another step's completion starts. Last, the caller's quota: the
 * pipeline holds one place in flight until it ends, and pays the rate for every call it will run.
 */
public final class PipelineAdmission {

    private final FunctionChecks checks;
    private final CallGuard guard;
    private final CallTopics topics;

    public PipelineAdmission(FunctionChecks checks, CallGuard guard, CallTopics topics) {
        this.checks = checks;
        this.guard = guard;
        this.topics = topics;
    }

    /** A pipeline let through, and its place in its caller's quota: accepted or abandoned once it is published or not. */
    public record Admitted(Pipeline pipeline, CallGuard.Pass quota) {}

    /**
     * {@code draft} with each step's requirements completed, or a failed future: {@link InvalidPipelineException},
     * {@link FunctionNotFoundException} or {@link CallForbiddenException} naming the step, or
     * {@link dev.computefabric.gateway.calls.QuotaExceededException}.
     */
    public CompletableFuture<Admitted> admit(Pipeline draft, Caller caller, Map<String, TableInput> tables) {
        List<String> problems = PipelineChecks.problems(draft);
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidPipelineException(problems));
        }
        try {
            // The caller's own ask; steps a completion starts run one level up, as the express lane does for anyone.
            guard.allowPriority(caller, draft.getPriority());
        } catch (CallForbiddenException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<PipelineStep> steps = new ArrayList<>(draft.getSteps());
        if (draft.getOnFailure() != null) {
            steps.add(draft.getOnFailure());
        }
        CompletableFuture<?>[] admitted = steps.stream()
                .map(step -> admit(step, draft.getPriority(), caller, tables))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(admitted)
                .thenApply(done -> new Admitted(draft, guard.admitPipeline(caller, callsOf(draft))));
    }

    /** An accepted pipeline has ended (its result reached this gateway): its place in its caller's quota is free. */
    public void ended(FuncResult result) {
        guard.ended(result);
    }

    /**
     * The calls {@code pipeline} runs if every step finishes: one per step, one per chunk of a map step. Its
     * {@code onFailure} step is not counted: it runs only instead of steps after a failure.
     */
    static int callsOf(Pipeline pipeline) {
        return pipeline.getSteps().stream()
                .mapToInt(step -> step.getMap() == null ? 1 : step.getMap().getChunks())
                .sum();
    }

    /** One level up, where the steps a completion starts run: LOW to NORMAL to HIGH, and HIGH stays. */
    public static Priority oneUp(Priority priority) {
        return switch (priority) {
            case LOW -> Priority.NORMAL;
            case NORMAL, HIGH -> Priority.HIGH;
        };
    }

    private CompletableFuture<Void> admit(
            PipelineStep step, Priority priority, Caller caller, Map<String, TableInput> tables) {
        String where = "step '" + step.getName() + "'";
        return checks.capsetFor(step.getFunction(), Capset.of(step.getRequirements()))
                .exceptionally(failure -> {
                    throw naming(where, Failures.unwrap(failure));
                })
                .thenCompose(capset -> {
                    try {
                        guard.allow(caller, step.getFunction(), capset, tables);
                    } catch (CallForbiddenException e) {
                        throw new CallForbiddenException(where + ": " + e.getMessage());
                    }
                    step.setRequirements(new ArrayList<>(capset.tags()));
                    return topics.topicFor(capset, priority)
                            .thenCombine(topics.topicFor(capset, oneUp(priority)), (first, later) -> null);
                });
    }

    private static RuntimeException naming(String where, Throwable failure) {
        if (failure instanceof FunctionNotFoundException notFound) {
            return new FunctionNotFoundException(
                    notFound.function(), notFound.suggestions(), where + ": " + notFound.getMessage());
        }
        return failure instanceof RuntimeException runtime ? runtime : Failures.of("check " + where, failure);
    }
}
