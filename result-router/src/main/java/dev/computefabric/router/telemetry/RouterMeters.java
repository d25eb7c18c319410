package dev.computefabric.router.telemetry;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.observability.metrics.MeterCache;
import dev.computefabric.observability.metrics.MetricNames;
import dev.computefabric.router.lifecycle.CallObserver;
import dev.computefabric.schemas.Lifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The router's series (see {@link MetricNames}), from what its lifecycle does: every call's end counted once, with
 * its end-to-end latency; dropped results, duplicate calls, and how cacheable calls ended (from the cache or run).
 */
public final class RouterMeters implements CallObserver {

    private static final String CALL_FACT = FuncCall.getClassSchema().getName();

    private record Series(String function, String capset) {}

    private record Ending(String function, String capset, String state) {}

    private final Counter dropped;
    private final Counter duplicates;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final MeterCache<Ending, Counter> endings;
    private final MeterCache<Series, Timer> latencies;

    public RouterMeters(MeterRegistry registry) {
        this.dropped = Counter.builder(MetricNames.ROUTER_DROPPED_RESULTS)
                .description("results dropped because their call had already ended")
                .register(registry);
        this.duplicates = Counter.builder(MetricNames.ROUTER_DUPLICATE_CALLS)
                .description("calls read again after the router already tracked them")
                .register(registry);
        this.cacheHits = Counter.builder(MetricNames.ROUTER_CACHE_HITS)
                .description("cacheable calls answered without running (cached or run once for identical calls)")
                .register(registry);
        this.cacheMisses = Counter.builder(MetricNames.ROUTER_CACHE_MISSES)
                .description("cacheable calls that ran")
                .register(registry);
        this.endings = new MeterCache<>(ending -> Counter.builder(MetricNames.CALLS_ENDED)
                .tag(MetricNames.FUNCTION, ending.function())
                .tag(MetricNames.CAPSET, ending.capset())
                .tag(MetricNames.STATE, ending.state())
                .description("calls that reached a terminal state")
                .register(registry));
        this.latencies = new MeterCache<>(series -> Timer.builder(MetricNames.CALL_LATENCY)
                .tag(MetricNames.FUNCTION, series.function())
                .tag(MetricNames.CAPSET, series.capset())
                .description("from submission to the terminal state")
                .publishPercentileHistogram()
                .register(registry));
    }

    @Override
    public void applied(CallStatus previous, CallStatus next) {
        boolean ended = Lifecycle.isTerminal(next.getState())
                && (previous == null || !Lifecycle.isTerminal(previous.getState()));
        if (!ended) {
            return;
        }
        endings.get(new Ending(
                        next.getFunction(), next.getCapset(), next.getState().name()))
                .increment();
        Duration latency = Duration.between(next.getSubmittedAt(), next.getUpdatedAt());
        latencies
                .get(new Series(next.getFunction(), next.getCapset()))
                .record(latency.isNegative() ? Duration.ZERO : latency);
        if (next.getCacheKey() != null) {
            boolean fromCache = next.getResult() != null && next.getResult().getCachedFrom() != null;
            (fromCache ? cacheHits : cacheMisses).increment();
        }
    }

    @Override
    public void dropped() {
        dropped.increment();
    }

    @Override
    public void ignored(String fact, CallStatus known) {
        if (known != null && CALL_FACT.equals(fact)) {
            duplicates.increment();
        }
    }
}
