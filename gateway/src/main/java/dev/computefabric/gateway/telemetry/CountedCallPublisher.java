package dev.computefabric.gateway.telemetry;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.gateway.calls.CallPublisher;
import dev.computefabric.observability.metrics.MeterCache;
import dev.computefabric.observability.metrics.MetricNames;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.schemas.Capset;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Counts the calls the broker acknowledged ({@code fabric.calls.accepted}), by function and capability set. */
public final class CountedCallPublisher implements CallPublisher {

    private record Series(String function, String capset) {}

    private final CallPublisher publisher;
    private final MeterCache<Series, Counter> accepted;

    public CountedCallPublisher(CallPublisher publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.accepted = new MeterCache<>(series -> Counter.builder(MetricNames.CALLS_ACCEPTED)
                .tag(MetricNames.FUNCTION, series.function())
                .tag(MetricNames.CAPSET, series.capset())
                .description("calls the broker acknowledged")
                .register(registry));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String key, FuncCall call) {
        return counted(call, publisher.publish(topic, key, call));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String key, FuncCall call, Optional<TraceParent> trace) {
        return counted(call, publisher.publish(topic, key, call, trace));
    }

    private CompletableFuture<Void> counted(FuncCall call, CompletableFuture<Void> published) {
        return published.thenApply(acked -> {
            accepted.get(new Series(
                            call.getFunction(),
                            Capset.of(call.getRequirements()).name()))
                    .increment();
            return acked;
        });
    }
}
