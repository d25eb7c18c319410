package dev.computefabric.executor.telemetry;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.observability.metrics.MeterCache;
import dev.computefabric.observability.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** The executor's series (see {@link MetricNames}); the one class of the node that knows Micrometer's types. */
final class ExecutorMeters {

    private record Run(String function, String capset) {}

    private record Outcome(String function, String capset, String state) {}

    private final Counter tableBytesIn;
    private final Counter tableBytesOut;
    private final MeterCache<String, Timer> queueWaits;
    private final MeterCache<Outcome, Counter> results;
    private final MeterCache<Run, Timer> runTimes;

    ExecutorMeters(MeterRegistry registry, Slots slots) {
        Gauge.builder(MetricNames.SLOTS_BUSY, slots, Slots::busy)
                .description("slots running calls now")
                .register(registry);
        Gauge.builder(MetricNames.SLOTS_FREE, slots, Slots::free)
                .description("slots not running calls now")
                .register(registry);
        this.tableBytesIn = Counter.builder(MetricNames.TABLE_BYTES)
                .tag(MetricNames.DIRECTION, "in")
                .description("bytes of tables calls read")
                .baseUnit("bytes")
                .register(registry);
        this.tableBytesOut = Counter.builder(MetricNames.TABLE_BYTES)
                .tag(MetricNames.DIRECTION, "out")
                .description("bytes of tables calls produced")
                .baseUnit("bytes")
                .register(registry);
        this.queueWaits = new MeterCache<>(capset -> Timer.builder(MetricNames.QUEUE_WAIT)
                .tag(MetricNames.CAPSET, capset)
                .description("from submission to the start of the run on this node")
                .publishPercentileHistogram()
                .register(registry));
        this.results = new MeterCache<>(outcome -> Counter.builder(MetricNames.EXECUTOR_CALLS)
                .tag(MetricNames.FUNCTION, outcome.function())
                .tag(MetricNames.CAPSET, outcome.capset())
                .tag(MetricNames.STATE, outcome.state())
                .description("results this node published")
                .register(registry));
        this.runTimes = new MeterCache<>(run -> Timer.builder(MetricNames.RUN_TIME)
                .tag(MetricNames.FUNCTION, run.function())
                .tag(MetricNames.CAPSET, run.capset())
                .description("how long functions ran on this node")
                .publishPercentileHistogram()
                .register(registry));
    }

    void queueWait(String capset, Instant submittedAt, Instant startedAt) {
        queueWaits.get(capset).record(nonNegative(Duration.between(submittedAt, startedAt)));
    }

    void result(String capset, FuncResult result) {
        results.get(new Outcome(result.getFunction(), capset, result.getState().name()))
                .increment();
        if (result.getStartedAt() != null) {
            runTimes.get(new Run(result.getFunction(), capset))
                    .record(nonNegative(Duration.between(result.getStartedAt(), result.getFinishedAt())));
        }
    }

    void tableBytesIn(long bytes) {
        tableBytesIn.increment(bytes);
    }

    void tableBytesOut(long bytes) {
        tableBytesOut.increment(bytes);
    }

    private static Duration nonNegative(Duration duration) {
        // Clocks of gateway and executor hosts differ a little; a negative wait is skew, not a time.
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
