package dev.computefabric.executor.telemetry;

import static dev.computefabric.testing.TestCalls.call;
import static dev.computefabric.testing.TestResults.finished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.run.CallEvents;
import dev.computefabric.executor.run.ResultSink;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.observability.tracing.CallMdc;
import dev.computefabric.observability.tracing.TraceHeaders;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.observability.tracing.Tracing;
import dev.computefabric.testing.TestCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorTelemetryTest {

    private static final TraceParent TRACE = TraceParent.parse(
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .orElseThrow();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorTelemetry telemetry = new ExecutorTelemetry(Optional.of(registry), Tracing.off());
    private final Publisher publisher = new Publisher();

    @AfterEach
    void clearMdc() {
        CallMdc.clear();
    }

    @Test
    void aRunNamesItsCallAndTraceInTheMdcFromStartedUntilItsResultIsPublished() {
        telemetry.slots(new Slots(4));
        TracedCalls traced = telemetry.traced(publisher);
        FuncCall call = call("echo").id("c1").build();
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.write(headers, TRACE);
        telemetry.headers().seen(call, headers);

        traced.started(call, TestCalls.SUBMITTED.plusMillis(40));

        assertThat(publisher.mdcAtStart).containsExactly("c1 " + TRACE.traceId());
        traced.publish(finished("c1").build());
        assertThat(publisher.mdcAtPublish).containsExactly("c1 " + TRACE.traceId());
        assertThat(CallMdc.callId()).isEmpty();
    }

    @Test
    void aRunIsCountedWithItsQueueWaitRunTimeAndCapabilitySet() {
        telemetry.slots(new Slots(4));
        TracedCalls traced = telemetry.traced(publisher);
        FuncCall call = call("echo").id("c2").build();
        telemetry.headers().seen(call, new RecordHeaders());

        traced.started(call, TestCalls.SUBMITTED.plusMillis(40));
        FuncResult result = FuncResult.newBuilder(finished("c2").build())
                .setStartedAt(TestCalls.SUBMITTED.plusMillis(40))
                .build();
        traced.publish(result);

        assertThat(registry.get("fabric.executor.calls")
                        .tags("function", "echo", "capset", "any", "state", "FINISHED")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("fabric.call.queue.wait")
                        .tags("capset", "any")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("fabric.call.run")
                        .tags("function", "echo")
                        .timer()
                        .count())
                .isEqualTo(result.getStartedAt() == null ? 0 : 1);
        assertThat(registry.get("fabric.executor.slots.free").gauge().value()).isEqualTo(4);
        assertThat(CallMdc.trace()).isEmpty();
    }

    /** Records what the MDC said when the node's real publisher would have sent. */
    private static final class Publisher implements CallEvents, ResultSink {
        final List<String> mdcAtStart = new ArrayList<>();
        final List<String> mdcAtPublish = new ArrayList<>();

        @Override
        public void started(FuncCall call, Instant at) {
            mdcAtStart.add(mdc());
        }

        @Override
        public CompletableFuture<Void> publish(FuncResult result) {
            mdcAtPublish.add(mdc());
            return CompletableFuture.completedFuture(null);
        }

        private static String mdc() {
            return CallMdc.callId().orElse("-") + " "
                    + CallMdc.trace().map(TraceParent::traceId).orElse("-");
        }
    }
}
