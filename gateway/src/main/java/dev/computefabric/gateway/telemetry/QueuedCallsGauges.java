package dev.computefabric.gateway.telemetry;

import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.observability.metrics.MetricNames;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code fabric.queue.calls}: calls accepted and not yet started, per capability set, as this gateway sees every
 * call in {@code fabric.status}: what an autoscaler (KEDA's Prometheus scaler) scales a capability set's
 * executors on. The default set's gauge ({@code any}) exists from the start; another set's appears once a refresh
 * sees a call queued for it (the index forgets sets with none queued).
 */
public final class QueuedCallsGauges {

    private final CallIndex index;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public QueuedCallsGauges(CallIndex index, MeterRegistry registry) {
        this.index = index;
        this.registry = registry;
    }

    /** Adds gauges for capability sets seen since the last refresh; cheap, run every few seconds. */
    public void refresh() {
        Set<String> capsets = new HashSet<>(index.queuedByCapset().keySet());
        capsets.add(Capset.ANY);
        for (String capset : capsets) {
            if (registered.add(capset)) {
                Gauge.builder(
                                MetricNames.QUEUED_CALLS,
                                index,
                                i -> i.queuedByCapset().getOrDefault(capset, 0))
                        .tag(MetricNames.CAPSET, capset)
                        .tag(MetricNames.TOPIC, Topics.CALLS_PREFIX + capset)
                        .description("calls accepted and not yet started")
                        .register(registry);
            }
        }
    }
}
