package dev.computefabric.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one side of a benchmark (the fabric, or the floor under it) achieved.
 *
 * @param run        calls, wall time and latencies
 * @param efficiency ideal makespan / makespan (sleep, skew), else null
 * @param mbPerS     MiB moved per second (table), else null
 * @param phases     seconds per phase (table: upload, call, download), else empty
 * @param hops       mean milliseconds per segment of the round trip ({@code --trace}), else empty
 * @param cpuMsPerCall CPU milliseconds per call of each process while this side was measured, where known
 * @param cpuPercent   percent of one core each process used (idle), else empty
 */
record Figures(
        Latencies.Summary run,
        Double efficiency,
        Double mbPerS,
        Map<String, Double> phases,
        Map<String, Double> hops,
        Map<String, Double> cpuMsPerCall,
        Map<String, Double> cpuPercent) {

    /** The broker's process, as the bench's own fabric names it. */
    static final String BROKER = "kafka";

    /** The processes the floor runs on: the broker and the bench's own clients. */
    static final Set<String> FLOOR_PROCESSES = Set.of(BROKER, CpuMeter.BENCH);

    Figures {
        phases = phases == null ? Map.of() : new LinkedHashMap<>(phases);
        hops = hops == null ? Map.of() : new LinkedHashMap<>(hops);
        cpuMsPerCall = cpuMsPerCall == null ? Map.of() : new LinkedHashMap<>(cpuMsPerCall);
        cpuPercent = cpuPercent == null ? Map.of() : new LinkedHashMap<>(cpuPercent);
    }

    static Figures of(Latencies.Summary run) {
        return new Figures(run, null, null, null, null, null, null);
    }

    /** An idle fabric over {@code seconds}: percent of one core per process, no calls. */
    static Figures ofIdle(double seconds, Map<String, Double> cpuPercent) {
        return new Figures(
                new Latencies.Summary(0, seconds, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                null,
                null,
                null,
                null,
                null,
                cpuPercent);
    }

    /**
     * CPU milliseconds per call of the processes named, summed; NaN when none was measured. The fabric counts
     * every process; the floor only those it runs on ({@link #FLOOR_PROCESSES}): the fabric's components sit
     * idle meanwhile, and their idle cost is the fabric's, measured on its own by the idle scenario.
     */
    double cpuMsPerCallTotal(Set<String> processes) {
        return cpuMsPerCall.entrySet().stream()
                .filter(e -> processes == null || processes.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .reduce(Double::sum)
                .orElse(Double.NaN);
    }

    /** Percent of one core, all processes together (idle). */
    double cpuPercentTotal() {
        return cpuPercent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A table trip: one operation, its throughput and its phases. */
    static Figures ofTable(double seconds, double mbPerS, Map<String, Double> phases) {
        return new Figures(Latencies.Summary.single(seconds), null, mbPerS, phases, null, null, null);
    }

    Figures withEfficiency(double value) {
        return new Figures(run, value, mbPerS, phases, hops, cpuMsPerCall, cpuPercent);
    }

    Figures withHops(Map<String, Double> value) {
        return new Figures(run, efficiency, mbPerS, phases, value, cpuMsPerCall, cpuPercent);
    }

    Figures withCpu(Map<String, Double> value) {
        return new Figures(run, efficiency, mbPerS, phases, hops, value, cpuPercent);
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
