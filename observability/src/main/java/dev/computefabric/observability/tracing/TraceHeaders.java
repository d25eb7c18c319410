package dev.computefabric.observability.tracing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace context on a Kafka record: a {@code traceparent} header holding the W3C text, as OpenTelemetry's
 * Kafka instrumentation writes it, so any traced consumer continues the trace.
 */
public final class TraceHeaders {

    private TraceHeaders() {}

    /** The record's trace context; empty when it has none or a malformed one. */
    public static Optional<TraceParent> read(Headers headers) {
        if (headers == null) {
            return Optional.empty();
        }
        Header header = headers.lastHeader(TraceParent.HEADER);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return TraceParent.parse(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Sets the record's trace context, replacing any it had. */
    public static void write(Headers headers, TraceParent trace) {
        headers.remove(TraceParent.HEADER);
        headers.add(TraceParent.HEADER, trace.toString().getBytes(StandardCharsets.UTF_8));
    }
}
