package dev.computefabric.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The goals the issue sets for this 2-core machine, checked against a report. Reported, never asserted:
 * a benchmark that misses one still prints its numbers.
 */
final class Targets {

    /** One goal: {@code figure} (a JSON path such as {@code ratio.p50_ms}) at most or at least {@code limit}. */
    record Target(String figure, boolean atMost, double limit, double value) {

        boolean met() {
            return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
        }

        String describe() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s %s %s: %s (%s)",
                    figure,
                    atMost ? "<=" : ">=",
                    trim(limit),
                    trim(value),
                    met() ? "met" : "missed");
        }

        private static String trim(double v) {
            return Double.isNaN(v)
                    ? "n/a"
                    : String.format(java.util.Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
        }
    }

    // Issue 12's targets: ratios to the floor measured in the same run (machines differ), except idle.
    static final double LATENCY_P50_RATIO = 1.4;
    static final double LATENCY_P99_RATIO = 2.5;
    static final double KAFKA_THROUGHPUT_RATIO = 0.30;
    static final double HTTP_THROUGHPUT_RATIO = 0.20;
    static final double CPU_PER_CALL_RATIO = 4.0;
    static final double SLEEP_EFFICIENCY = 0.92;
    static final double SKEW_EFFICIENCY = 0.88;
    static final double TABLE_RATIO = 0.8;
    static final double IDLE_PERCENT_OF_A_CORE = 10;

    private Targets() {}

    static List<Target> of(BenchReport report) {
        Figures fabric = report.fabric();
        Figures floor = report.floor();
        List<Target> targets = new ArrayList<>();
        switch (report.scenario()) {
            case "latency" -> {
                targets.add(new Target(
                        "ratio.p50_ms",
                        true,
                        LATENCY_P50_RATIO,
                        ratio(fabric.run().p50Ms(), floor.run().p50Ms())));
                targets.add(new Target(
                        "ratio.p99_ms",
                        true,
                        LATENCY_P99_RATIO,
                        ratio(fabric.run().p99Ms(), floor.run().p99Ms())));
            }
            case "throughput" -> {
                targets.add(new Target(
                        "ratio.calls_per_s",
                        false,
                        "kafka".equals(report.path()) ? KAFKA_THROUGHPUT_RATIO : HTTP_THROUGHPUT_RATIO,
                        ratio(fabric.run().callsPerSecond(), floor.run().callsPerSecond())));
                targets.add(new Target(
                        "ratio." + BenchReport.CPU_TOTAL,
                        true,
                        CPU_PER_CALL_RATIO,
                        ratio(report.fabricCpuTotal(), report.floorCpuTotal())));
            }
            case "sleep" -> targets.add(new Target("efficiency", false, SLEEP_EFFICIENCY, orNaN(fabric.efficiency())));
            case "skew" -> targets.add(new Target("efficiency", false, SKEW_EFFICIENCY, orNaN(fabric.efficiency())));
            case "table" ->
                targets.add(new Target(
                        "ratio.mb_per_s", false, TABLE_RATIO, ratio(orNaN(fabric.mbPerS()), orNaN(floor.mbPerS()))));
            case "idle" ->
                targets.add(new Target("cpu_percent_total", true, IDLE_PERCENT_OF_A_CORE, fabric.cpuPercentTotal()));
            default -> {}
        }
        return targets;
    }

    static double ratio(double fabric, double floor) {
        return floor == 0 || Double.isNaN(floor) || Double.isNaN(fabric) ? Double.NaN : fabric / floor;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
