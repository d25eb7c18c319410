package dev.computefabric.bench;

import org.HdrHistogram.Histogram;

/**
 * Round-trip latencies recorded in microseconds with HdrHistogram, plus the wall time they took. Runs
 * measured in blocks (fabric and floor take turns) add up into one.
 */
final class Latencies {

    private static final long MAX_TRACKABLE_MICROS = 600_000_000L;

    /** The figures a report shows for one run; percentiles are NaN where they do not apply (one table trip). */
    record Summary(
            long calls,
            double seconds,
            double callsPerSecond,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double p999Ms) {

        /** One operation of {@code seconds}, where percentiles say nothing. */
        static Summary single(double seconds) {
            return new Summary(1, seconds, 1 / seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private final Histogram histogram = new Histogram(MAX_TRACKABLE_MICROS, 3);
    private double seconds;

    synchronized void record(long nanos) {
        histogram.recordValue(Math.min(MAX_TRACKABLE_MICROS, Math.max(1, nanos / 1_000)));
    }

    /** Adds the wall time of one measured block. */
    synchronized void addSeconds(double blockSeconds) {
        seconds += blockSeconds;
    }

    /** Adds another run's latencies and wall time to this one. */
    synchronized void add(Latencies other) {
        synchronized (other) {
            histogram.add(other.histogram);
            seconds += other.seconds;
        }
    }

    synchronized Summary summarize() {
        long calls = histogram.getTotalCount();
        return new Summary(calls, seconds, seconds > 0 ? calls / seconds : 0, ms(50), ms(90), ms(99), ms(99.9));
    }

    private double ms(double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
