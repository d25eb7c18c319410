package dev.computefabric.router.pipeline;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.NextStep;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableChunk;
import dev.computefabric.schemas.CacheKeys;
import dev.computefabric.schemas.pipelines.PipelineChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls that run one step of a pipeline, at one instant: one call (its id {@code <pipelineId>.<step>}), one per
 * chunk of a map step ({@code .<chunk>}), or a sameNode step's one call, which is announced rather than sent. A step
 * followed by a sameNode step carries it ({@link NextStep}). The first steps run at the pipeline's priority, every
 * later one a level up. A step with a cache TTL has its calls keyed for the result cache ({@link CacheKeys}), once its
 * arguments and tables are known; not a sameNode step or the step one follows, which run together on one node.
 */
final class StepCalls {

    private final Pipeline pipeline;
    private final Instant deadlineAt;
    private final long nowMs;

    /** @param deadlineAt the pipeline's deadline, or null */
    StepCalls(Pipeline pipeline, Instant deadlineAt, long nowMs) {
        this.pipeline = pipeline;
        this.deadlineAt = deadlineAt;
        this.nowMs = nowMs;
    }

    /**
     * The step's calls. A sameNode step's one call is not sent to run (the node that ran the step it follows runs
     * it, from that call's {@link NextStep}): it is announced to the lifecycle, which follows it like any call.
     */
    List<FuncCall> of(PipelineStep step, StepInputs inputs, Long timeoutMs) {
        String callId = pipeline.getPipelineId() + "." + step.getName();
        Priority priority = priorityOf(step, inputs.onFailure());
        if (step.getSameNode()) {
            StepInputs known = inputs.deferring(previousOf(step));
            return List.of(call(callId, step, known.args(step), known.tables(step), timeoutMs, priority));
        }
        String args = inputs.args(step);
        Map<String, Table> tables = inputs.tables(step);
        if (step.getMap() == null) {
            FuncCall call = call(callId, step, args, tables, timeoutMs, priority);
            Optional<PipelineStep> follower = follower(step);
            if (follower.isPresent()) {
                call.setNext(nextStep(follower.get(), step, inputs));
            } else {
                cacheable(call, step);
            }
            return List.of(call);
        }
        int count = step.getMap().getChunks();
        List<FuncCall> chunks = new ArrayList<>(count);
        String mapped = step.getMap().getTable();
        for (int index = 0; index < count; index++) {
            Map<String, Table> chunked = new LinkedHashMap<>(tables);
            chunked.put(
                    mapped,
                    Table.newBuilder(tables.get(mapped))
                            .setChunk(new TableChunk(index, count))
                            .build());
            chunks.add(cacheable(call(callId + "." + index, step, args, chunked, timeoutMs, priority), step));
        }
        return chunks;
    }

    /** {@code call}, keyed for the result cache if its step asks for it. */
    private static FuncCall cacheable(FuncCall call, PipelineStep step) {
        if (step.getCacheTtlMs() != null) {
            call.setCacheKey(CacheKeys.of(call.getFunction(), call.getArgs(), call.getTables()));
            call.setCacheTtlMs(step.getCacheTtlMs());
        }
        return call;
    }

    private FuncCall call(
            String callId,
            PipelineStep step,
            String args,
            Map<String, Table> tables,
            Long timeoutMs,
            Priority priority) {
        return FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(step.getFunction())
                .setArgs(args)
                .setTables(tables)
                .setRequirements(new ArrayList<>(step.getRequirements()))
                .setSubmittedAt(Instant.ofEpochMilli(nowMs))
                .setTimeoutMs(timeoutMs)
                .setCaller(pipeline.getCaller())
                .setPriority(priority)
                .setPipelineId(pipeline.getPipelineId())
                .build();
    }

    /** The step that runs right after {@code step} on its node, if one is marked so. */
    private Optional<PipelineStep> follower(PipelineStep step) {
        return pipeline.getSteps().stream()
                .filter(PipelineStep::getSameNode)
                .filter(candidate -> PipelineChecks.dependencies(candidate).equals(Set.of(step.getName())))
                .findFirst();
    }

    /** The one step a sameNode step waits for: it runs on the node that ran that one. */
    private static String previousOf(PipelineStep sameNode) {
        return PipelineChecks.dependencies(sameNode).iterator().next();
    }

    /** What the node that runs {@code previous} needs to run {@code next} right after it. */
    private NextStep nextStep(PipelineStep next, PipelineStep previous, StepInputs inputs) {
        StepInputs known = inputs.deferring(previous.getName());
        return NextStep.newBuilder()
                .setCallId(pipeline.getPipelineId() + "." + next.getName())
                .setStep(next.getName())
                .setPrevious(previous.getName())
                .setFunction(next.getFunction())
                .setArgs(known.args(next))
                .setTables(known.tables(next))
                .setPreviousTables(known.fromDeferred(next))
                .setDeadlineAt(deadlineAt)
                .build();
    }

    /** The express lane: the first steps at the pipeline's priority, every step a completion starts a level up. */
    private Priority priorityOf(PipelineStep step, boolean onFailure) {
        Priority base = pipeline.getPriority();
        boolean first = PipelineChecks.dependencies(step).isEmpty() && !onFailure;
        if (first || base == Priority.HIGH) {
            return base;
        }
        return base == Priority.LOW ? Priority.NORMAL : Priority.HIGH;
    }
}
