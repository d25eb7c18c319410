package dev.computefabric.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Optional;

/** A span around work on one call; its {@link #context()} is the trace context that work passes on. */
public final class CallSpan implements AutoCloseable {

    private final Span span;
    private final Optional<TraceParent> context;

    CallSpan(Span span, Optional<TraceParent> parent) {
        this.span = span;
        SpanContext own = span.getSpanContext();
        // A recording span passes on its own id; the no-op tracer's span is the parent itself.
        this.context = own.isValid()
                ? Optional.of(new TraceParent(
                        own.getTraceId(), own.getSpanId(), own.getTraceFlags().asHex()))
                : parent;
    }

    public Optional<TraceParent> context() {
        return context;
    }

    /** Marks the span failed with what went wrong. */
    public void failed(String description) {
        span.setStatus(StatusCode.ERROR, description);
    }

    @Override
    public void close() {
        span.end();
    }
}
