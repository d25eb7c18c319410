package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.RequestedWait;
import dev.computefabric.schemas.IdempotencyKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline as a client submitted it ({@code POST /v1/pipelines}), read but not yet checked: its steps may still
 * refer to steps it lacks ({@link dev.computefabric.schemas.pipelines.PipelineChecks} says so before it is accepted).
 *
 * @param name      a label for people, or null
 * @param timeoutMs one deadline for the whole pipeline, or null for the fabric's default
 * @param tables    the pipeline's input tables by name, in request order
 * @param onFailure the step that runs once if a step fails, or null
 * @param requestedWait how long to hold the request for the pipeline's end; empty: answer once accepted
 * @param caller    who submitted it, or null on a gateway without authentication
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null: the same key again means the same pipeline
 */
public record PipelineSubmission(
        String name,
        Priority priority,
        Long timeoutMs,
        Map<String, TableInput> tables,
        List<PipelineStep> steps,
        PipelineStep onFailure,
        Optional<RequestedWait> requestedWait,
        Caller caller,
        String idempotencyKey) {

    public PipelineSubmission {
        Objects.requireNonNull(priority, "priority");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        steps = List.copyOf(steps);
        Objects.requireNonNull(requestedWait, "requestedWait");
    }

    /** This submission sent by {@code caller} (null: nobody authenticated). */
    public PipelineSubmission withCaller(Caller caller) {
        return new PipelineSubmission(
                name, priority, timeoutMs, tables, steps, onFailure, requestedWait, caller, idempotencyKey);
    }

    /** This submission sent with {@code key} as its {@code Idempotency-Key} (null: none). */
    public PipelineSubmission withIdempotencyKey(String key) {
        return new PipelineSubmission(name, priority, timeoutMs, tables, steps, onFailure, requestedWait, caller, key);
    }

    /** The id of the pipeline its idempotency key names, for its caller; null without a key. */
    public String keyedPipelineId() {
        return idempotencyKey == null
                ? null
                : IdempotencyKeys.pipelineId(idempotencyKey, caller == null ? null : caller.name());
    }
}
