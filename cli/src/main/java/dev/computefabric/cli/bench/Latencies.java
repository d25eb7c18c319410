package dev.computefabric.cli.bench;

import org.HdrHistogram.Histogram;

/** Round-trip latencies of one measured run, recorded in microseconds with HdrHistogram. */
final class Latencies {

    private static final long MAX_TRACKABLE_MICROS = 60_000_000L;

    /** The figures a report shows for one run. */
    record Summary(long calls, double seconds, double callsPerSecond, double p50Ms, double p90Ms, double p99Ms, double p999Ms) {
    }

    private final Histogram histogram = new Histogram(MAX_TRACKABLE_MICROS, 3);

    synchronized void record(long nanos) {
        histogram.recordValue(Math.min(MAX_TRACKABLE_MICROS, Math.max(1, nanos / 1_000)));
    }

    synchronized Summary summarize(double seconds) {
        long calls = histogram.getTotalCount();
        return new Summary(calls, seconds, calls / seconds, ms(50), ms(90), ms(99), ms(99.9));
    }

    private double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
