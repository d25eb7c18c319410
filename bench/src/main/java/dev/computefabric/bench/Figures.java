package dev.computefabric.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one side of a benchmark (the fabric, or the floor under it) achieved.
 *
 * @param run        calls, wall time and latencies
 * @param efficiency ideal makespan / makespan (sleep, skew), else null
 * @param mbPerS     MiB moved per second (table), else null
 * @param phases     seconds per phase (table: upload, call, download), else empty
 * @param hops       mean milliseconds per segment of the round trip ({@code --trace}), else empty
 * @param cpuMsPerCall CPU milliseconds per call of each process while this side was measured, where known
 */
record Figures(
        Latencies.Summary run,
        Double efficiency,
        Double mbPerS,
        Map<String, Double> phases,
        Map<String, Double> hops,
        Map<String, Double> cpuMsPerCall) {

    Figures {
        phases = phases == null ? Map.of() : new LinkedHashMap<>(phases);
        hops = hops == null ? Map.of() : new LinkedHashMap<>(hops);
        cpuMsPerCall = cpuMsPerCall == null ? Map.of() : new LinkedHashMap<>(cpuMsPerCall);
    }

    static Figures of(Latencies.Summary run) {
        return new Figures(run, null, null, null, null, null);
    }

    /** A table trip: one operation, its throughput and its phases. */
    static Figures ofTable(double seconds, double mbPerS, Map<String, Double> phases) {
        return new Figures(Latencies.Summary.single(seconds), null, mbPerS, phases, null, null);
    }

    Figures withEfficiency(double value) {
        return new Figures(run, value, mbPerS, phases, hops, cpuMsPerCall);
    }

    Figures withHops(Map<String, Double> value) {
        return new Figures(run, efficiency, mbPerS, phases, value, cpuMsPerCall);
    }

    Figures withCpu(Map<String, Double> value) {
        return new Figures(run, efficiency, mbPerS, phases, hops, value);
    }

    /** The figures compared between fabric and floor, by their JSON names; NaN where a figure does not apply. */
    Map<String, Double> compared() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("seconds", run.seconds());
        figures.put("calls_per_s", run.callsPerSecond());
        figures.put("p50_ms", run.p50Ms());
        figures.put("p90_ms", run.p90Ms());
        figures.put("p99_ms", run.p99Ms());
        figures.put("p999_ms", run.p999Ms());
        if (efficiency != null) {
            figures.put("efficiency", efficiency);
        }
        if (mbPerS != null) {
            figures.put("mb_per_s", mbPerS);
        }
        return figures;
    }
}
