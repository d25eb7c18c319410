package dev.computefabric.observability.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Optional;

/**
 * Spans through the OpenTelemetry API. Off (a no-op tracer: the trace context still travels, nothing is recorded)
 * unless an OTLP endpoint is configured, the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (e.g.
 * {@code http://otel-collector:4318}); then spans are batched to {@code <endpoint>/v1/traces} over HTTP.
 */
public final class Tracing implements AutoCloseable {

    /** The standard OpenTelemetry variable; the same one the gateway's Spring Boot reads. */
    public static final String OTLP_ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT";

    static final AttributeKey<String> CALL_ID = AttributeKey.stringKey("fabric.call_id");

    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private final SdkTracerProvider provider;

    private Tracing(OpenTelemetry telemetry, SdkTracerProvider provider) {
        this.telemetry = telemetry;
        this.provider = provider;
        this.tracer = telemetry.getTracer("dev.computefabric");
    }

    /** Exporting to {@code $OTEL_EXPORTER_OTLP_ENDPOINT} when it is set, else off. */
    public static Tracing fromEnvironment(String service) {
        return otlp(
                service, Optional.ofNullable(System.getenv(OTLP_ENDPOINT_ENV)).filter(e -> !e.isBlank()));
    }

    /** Exporting to {@code endpoint} (the collector's base URL), or off when empty. */
    public static Tracing otlp(String service, Optional<String> endpoint) {
        if (endpoint.isEmpty()) {
            return off();
        }
        String base = endpoint.get().endsWith("/") ? endpoint.get() : endpoint.get() + "/";
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(base + "v1/traces")
                                .build())
                        .build())
                .build();
        return new Tracing(
                OpenTelemetrySdk.builder().setTracerProvider(provider).build(), provider);
    }

    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop(), null);
    }

    public boolean exporting() {
        return provider != null;
    }

    /**
     * Starts a span for work on {@code callId} (null before the call has one), a child of {@code parent} when the call came with a trace. The
     * span's own context is what the work passes on ({@link CallSpan#context()}).
     */
    public CallSpan start(String name, SpanKind kind, String callId, Optional<TraceParent> parent) {
        Context context = parent.map(p -> Context.root()
                        .with(Span.wrap(SpanContext.createFromRemoteParent(
                                p.traceId(), p.spanId(), TraceFlags.fromHex(p.flags(), 0), TraceState.getDefault()))))
                .orElse(Context.root());
        var builder = tracer.spanBuilder(name).setParent(context).setSpanKind(kind);
        if (callId != null) {
            builder.setAttribute(CALL_ID, callId);
        }
        Span span = builder.startSpan();
        return new CallSpan(span, parent);
    }

    public OpenTelemetry telemetry() {
        return telemetry;
    }

    @Override
    public void close() {
        if (provider != null) {
            provider.close();
        }
    }
}
