package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.Table;
import dev.computefabric.gateway.calls.CallFactory;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.observability.tracing.TraceParent;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes the {@code Pipeline} a submission becomes: a new pipeline id, its caller, this gateway's reply topic (its end
 * completes waits here as a call's result does), the time of submission and the trace. In two steps, so that a
 * pipeline the checks refuse stores none of its tables: a {@link #draft} to check, then its tables {@link #stored}.
 */
public final class PipelineFactory {

    private final CallFactory calls;
    private final String replyTopic;
    private final Clock clock;

    /**
     * @param calls      stores input tables above the inline limit, as for calls
     * @param replyTopic this gateway's reply topic, named in every pipeline as {@code replyTo}
     */
    public PipelineFactory(CallFactory calls, String replyTopic, Clock clock) {
        this.calls = calls;
        this.replyTopic = replyTopic;
        this.clock = clock;
    }

    /** The pipeline to check: everything but its tables, which are empty placeholders of their names and formats. */
    public Pipeline draft(PipelineSubmission submission, Optional<TraceParent> trace) {
        Map<String, Table> placeholders = new LinkedHashMap<>();
        submission
                .tables()
                .forEach((name, input) ->
                        placeholders.put(name, new Table(input.format(), ByteBuffer.allocate(0), null)));
        return Pipeline.newBuilder()
                .setPipelineId(
                        submission.idempotencyKey() == null
                                ? UUID.randomUUID().toString()
                                : submission.keyedPipelineId())
                .setName(submission.name())
                .setSteps(submission.steps())
                .setOnFailure(submission.onFailure())
                .setTables(placeholders)
                .setCaller(
                        submission.caller() == null ? null : submission.caller().name())
                .setSubmittedAt(clock.instant())
                .setTimeoutMs(submission.timeoutMs())
                .setPriority(submission.priority())
                .setReplyTo(replyTopic)
                .setTraceId(trace.map(TraceParent::traceId).orElse(null))
                .build();
    }

    /**
     * {@code draft} with its input tables as they travel: inline, or stored above the inline limit.
     *
     * @throws dev.computefabric.gateway.calls.FabricUnavailableException a table could not be stored
     */
    public Pipeline stored(Pipeline draft, Map<String, TableInput> tables) {
        return Pipeline.newBuilder(draft)
                .setTables(calls.storeTables("pipeline " + draft.getPipelineId(), tables))
                .build();
    }
}
