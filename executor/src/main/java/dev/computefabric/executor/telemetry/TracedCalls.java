package dev.computefabric.executor.telemetry;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.run.CallEvents;
import dev.computefabric.executor.run.ResultSink;
import dev.computefabric.observability.tracing.CallMdc;
import dev.computefabric.observability.tracing.CallSpan;
import dev.computefabric.observability.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each run from its {@code STARTED} event to its published result, on the worker thread that runs it: puts
 * the call id and trace in the MDC (so every line logged meanwhile names them, and {@code TraceHeaderInterceptor}
 * puts the trace on the events and the result), opens and ends the run's span, records the metrics and logs one
 * line at each end on {@code fabric.calls}.
 */
public final class TracedCalls implements CallEvents, ResultSink {

    /** Per-call lines, DEBUG: a busy node runs thousands of calls a second (FABRIC_CALL_LOG=DEBUG shows them). */
    private static final Logger calls = LoggerFactory.getLogger("fabric.calls");

    private final CallEvents events;
    private final ResultSink results;
    private final SeenCalls seen;
    private final Tracing tracing;
    private final Optional<ExecutorMeters> meters;
    private final Map<String, CallSpan> spans = new ConcurrentHashMap<>();

    TracedCalls(
            CallEvents events, ResultSink results, SeenCalls seen, Tracing tracing, Optional<ExecutorMeters> meters) {
        this.events = events;
        this.results = results;
        this.seen = seen;
        this.tracing = tracing;
        this.meters = meters;
    }

    @Override
    public void started(FuncCall call, Instant at) {
        SeenCalls.Seen known = seen.of(call);
        CallSpan span = tracing.start("run " + call.getFunction(), SpanKind.CONSUMER, call.getCallId(), known.trace());
        CallSpan retried = spans.put(call.getCallId(), span);
        if (retried != null) {
            retried.close();
        }
        // Cleared when the result is published on this thread, or replaced by the next call this thread starts.
        CallMdc.put(call.getCallId(), span.context());
        meters.ifPresent(m -> m.queueWait(known.capset(), call.getSubmittedAt(), at));
        calls.debug(
                "started {} attempt {} after {} ms queued",
                call.getFunction(),
                call.getAttempt(),
                Duration.between(call.getSubmittedAt(), at).toMillis());
        events.started(call, at);
    }

    @Override
    public void progress(FuncCall call, Instant at, double fraction, String message) {
        events.progress(call, at, fraction, message);
    }

    @Override
    public void log(FuncCall call, Instant at, String line) {
        events.log(call, at, line);
    }

    @Override
    public void ended(FuncCall call) {
        events.ended(call);
    }

    @Override
    public CompletableFuture<Void> publish(FuncResult result) {
        String callId = result.getCallId();
        String capset = seen.forget(callId).map(SeenCalls.Seen::capset).orElse("unknown");
        meters.ifPresent(m -> m.result(capset, result));
        calls.debug("ended {} {}{}", result.getFunction(), result.getState(), error(result));
        try {
            return results.publish(result);
        } finally {
            CallSpan span = spans.remove(callId);
            if (span != null) {
                if (result.getState() != CallState.FINISHED) {
                    span.failed(result.getState() + error(result));
                }
                span.close();
            }
            if (CallMdc.callId().filter(callId::equals).isPresent()) {
                CallMdc.clear();
            }
        }
    }

    private static String error(FuncResult result) {
        return result.getError() == null ? "" : ": " + result.getError().getType();
    }
}
