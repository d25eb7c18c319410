package dev.computefabric.executor.telemetry;

import dev.computefabric.executor.dispatch.CallHeaders;
import dev.computefabric.executor.function.TableAccess;
import dev.computefabric.executor.run.CallEvents;
import dev.computefabric.executor.run.ResultSink;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.observability.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * What a node tells its operator, wrapped around the node's parts at assembly ({@code ExecutorNodeBuilder}): the
 * core classes stay free of metrics and tracing types. Without a meter registry only traces and call logging work.
 */
public final class ExecutorTelemetry {

    private final Optional<MeterRegistry> registry;
    private final Tracing tracing;
    private final SeenCalls seen = new SeenCalls();
    private Optional<ExecutorMeters> meters = Optional.empty();

    public ExecutorTelemetry(Optional<MeterRegistry> registry, Tracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
    }

    /** Neither metrics nor exported spans; trace contexts still travel and logs still name calls. */
    public static ExecutorTelemetry off() {
        return new ExecutorTelemetry(Optional.empty(), Tracing.off());
    }

    /** Registers the slot gauges; first, since the other parts' meters come with it. */
    public void slots(Slots slots) {
        meters = registry.map(r -> new ExecutorMeters(r, slots));
    }

    /** For the call decoder: remembers each call's trace context and capability set. */
    public CallHeaders headers() {
        return seen;
    }

    public TableAccess tables(TableAccess tables) {
        return meters.<TableAccess>map(m -> new CountedTables(tables, m)).orElse(tables);
    }

    /** One object for both ends of a run, so the run's span and MDC open at STARTED and close at the result. */
    public <T extends CallEvents & ResultSink> TracedCalls traced(T publisher) {
        return traced(publisher, publisher);
    }

    /** Follows each run, passing its events to {@code events} and its result to {@code results}. */
    public TracedCalls traced(CallEvents events, ResultSink results) {
        return new TracedCalls(events, results, seen, tracing, meters);
    }
}
