package dev.computefabric.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aW3cHeaderIsReadAndWrittenBackUnchanged() {
        TraceParent trace = TraceParent.parse(EXAMPLE).orElseThrow();

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace).hasToString(EXAMPLE);
    }

    @Test
    void malformedOrAllZeroHeadersCountAsNoTrace() {
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse("garbage")).isEmpty();
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceParent.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceParent.parse(EXAMPLE + "-extra")).isEmpty();
        assertThat(TraceParent.parse(EXAMPLE + "-")).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902g7-01"))
                .isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"))
                .isEmpty();
    }

    @Test
    void aLaterVersionIsReadForTheFieldsItShares() {
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"))
                .map(TraceParent::traceId)
                .contains("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void startedTracesAreValidAndDistinct() {
        TraceParent one = TraceParent.start();
        TraceParent two = TraceParent.start();

        assertThat(TraceParent.parse(one.toString())).contains(one);
        assertThat(one.traceId()).isNotEqualTo(two.traceId());
        assertThat(one.spanId()).isNotEqualTo(two.spanId()).hasSize(16);
        assertThat(one.sampled()).isTrue();
    }

    @Test
    void kafkaHeadersCarryTheContext() {
        RecordHeaders headers = new RecordHeaders();
        TraceParent trace = TraceParent.parse(EXAMPLE).orElseThrow();

        TraceHeaders.write(headers, TraceParent.start());
        TraceHeaders.write(headers, trace);

        assertThat(TraceHeaders.read(headers)).contains(trace);
        assertThat(headers.headers(TraceParent.HEADER)).hasSize(1);
        assertThat(TraceHeaders.read(new RecordHeaders())).isEmpty();
    }

    @Test
    void aSpanWithTracingOffPassesTheCallersContextOn() {
        TraceParent trace = TraceParent.parse(EXAMPLE).orElseThrow();
        try (Tracing tracing = Tracing.off();
                CallSpan span =
                        tracing.start("run", io.opentelemetry.api.trace.SpanKind.CONSUMER, "c1", Optional.of(trace))) {
            assertThat(span.context()).contains(trace);
        }
    }
}
