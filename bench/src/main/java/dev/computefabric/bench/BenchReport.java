package dev.computefabric.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's result: the fabric's figures, the floor's, their ratios (fabric / floor) and the targets;
 * printed as a readable table or as one JSON object on one line.
 *
 * @param callsPerExecutor calls run per executor id (from each result's {@code executorId})
 * @param heapMaxMb        {@code -Xmx} of each component, in MiB
 * @param settings         what the run was asked to do (in-flight, rate, sleep, capacity, ideal makespan, size)
 */
record BenchReport(
        String scenario,
        String path,
        Figures fabric,
        Figures floor,
        Map<String, Long> callsPerExecutor,
        Map<String, Integer> heapMaxMb,
        Map<String, Object> settings)
        implements Report {

    /** JSON name of the summed CPU per call, and of its ratio. */
    static final String CPU_TOTAL = "cpu_ms_per_call_total";

    private static final ObjectMapper JSON = new ObjectMapper();

    BenchReport {
        callsPerExecutor = callsPerExecutor == null ? Map.of() : new LinkedHashMap<>(callsPerExecutor);
        heapMaxMb = new LinkedHashMap<>(heapMaxMb);
        settings = settings == null ? Map.of() : new LinkedHashMap<>(settings);
    }

    /** fabric / floor for every figure both have; none for a report without a floor (idle). */
    Map<String, Double> ratios() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (floor == null) {
            return ratios;
        }
        Map<String, Double> under = floor.compared();
        fabric.compared().forEach((name, value) -> {
            if (under.containsKey(name)) {
                ratios.put(name, Targets.ratio(value, under.get(name)));
            }
        });
        double cpu = Targets.ratio(fabricCpuTotal(), floorCpuTotal());
        if (!Double.isNaN(cpu)) {
            ratios.put(CPU_TOTAL, cpu);
        }
        return ratios;
    }

    /** CPU per call, every process of the fabric together. */
    double fabricCpuTotal() {
        return fabric.cpuMsPerCallTotal(null);
    }

    /** CPU per call of the processes the floor runs on. */
    double floorCpuTotal() {
        return floor == null ? Double.NaN : floor.cpuMsPerCallTotal(Figures.FLOOR_PROCESSES);
    }

    List<Targets.Target> targets() {
        return Targets.of(this);
    }

    @Override
    public String json() {
        ObjectNode line = JSON.createObjectNode().put("scenario", scenario).put("path", path);
        figures(line, fabric);
        number(line, CPU_TOTAL, fabricCpuTotal());
        if (floor != null) {
            ObjectNode under = line.putObject("floor");
            figures(under, floor);
            number(under, CPU_TOTAL, floorCpuTotal());
        }
        ObjectNode ratio = line.putObject("ratio");
        ratios().forEach((name, value) -> number(ratio, name, value));
        ObjectNode heaps = line.putObject("heap_max_mb");
        heapMaxMb.forEach(heaps::put);
        if (!callsPerExecutor.isEmpty()) {
            ObjectNode counts = line.putObject("calls_per_executor");
            callsPerExecutor.forEach(counts::put);
        }
        if (!settings.isEmpty()) {
            line.set("settings", JSON.valueToTree(settings));
        }
        ArrayNode targets = line.putArray("targets");
        for (Targets.Target target : targets()) {
            ObjectNode t = targets.addObject().put("figure", target.figure());
            number(t, target.atMost() ? "max" : "min", target.limit());
            number(t, "value", target.value());
            t.put("met", target.met());
        }
        return line.toString();
    }

    @Override
    public void printTable(PrintStream out) {
        out.printf(
                "%-18s %8s %9s %10s %8s %8s %8s %8s%s%n",
                scenario + "/" + path,
                "calls",
                "seconds",
                "calls/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "p999 ms",
                extraHeader());
        row(out, "fabric", fabric);
        if (floor != null) {
            row(out, "floor", floor);
        }
        Map<String, Double> r = ratios();
        out.printf(
                "%-18s %8s %9s %10s %8s %8s %8s %8s%s%n",
                "ratio",
                "",
                times(r.get("seconds")),
                times(r.get("calls_per_s")),
                times(r.get("p50_ms")),
                times(r.get("p90_ms")),
                times(r.get("p99_ms")),
                times(r.get("p999_ms")),
                extra(r.get("efficiency"), r.get("mb_per_s"), "x"));
        hops(out, "fabric", fabric);
        phases(out, "fabric", fabric);
        cpu(out, "fabric", fabric);
        if (floor != null) {
            hops(out, "floor", floor);
            phases(out, "floor", floor);
            cpu(out, "floor", floor);
        }
        if (!Double.isNaN(fabricCpuTotal())) {
            out.printf(
                    Locale.ROOT,
                    "CPU ms per call, summed: fabric %.3f, floor %.3f (%s)%n",
                    fabricCpuTotal(),
                    floorCpuTotal(),
                    times(r.get(CPU_TOTAL)));
        }
        idle(out, fabric);
        if (!callsPerExecutor.isEmpty()) {
            out.println("calls per executor: " + callsPerExecutor);
        }
        if (!settings.isEmpty()) {
            out.println("settings: " + settings);
        }
        out.println("heap max (MiB): " + heapMaxMb);
        targets().forEach(t -> out.println("target " + t.describe()));
    }

    private String extraHeader() {
        return (fabric.efficiency() != null ? String.format(" %10s", "efficiency") : "")
                + (fabric.mbPerS() != null ? String.format(" %8s", "MiB/s") : "");
    }

    private static void row(PrintStream out, String name, Figures f) {
        Latencies.Summary s = f.run();
        out.printf(
                "%-18s %8d %9.2f %10.1f %8s %8s %8s %8s%s%n",
                name,
                s.calls(),
                s.seconds(),
                s.callsPerSecond(),
                fixed(s.p50Ms(), 2),
                fixed(s.p90Ms(), 2),
                fixed(s.p99Ms(), 2),
                fixed(s.p999Ms(), 2),
                extra(f.efficiency(), f.mbPerS(), ""));
    }

    private static String extra(Double efficiency, Double mbPerS, String suffix) {
        return (efficiency != null ? String.format(" %10s", fixed(efficiency, 3) + suffix) : "")
                + (mbPerS != null ? String.format(" %8s", fixed(mbPerS, 1) + suffix) : "");
    }

    private static void hops(PrintStream out, String name, Figures f) {
        if (!f.hops().isEmpty()) {
            StringBuilder line = new StringBuilder(name + " hops, mean ms:");
            f.hops().forEach((hop, ms) -> line.append(String.format(Locale.ROOT, "  %s %.2f", hop, ms)));
            out.println(line);
        }
    }

    private static void cpu(PrintStream out, String name, Figures f) {
        if (!f.cpuMsPerCall().isEmpty()) {
            StringBuilder line = new StringBuilder(name + " CPU ms per call:");
            f.cpuMsPerCall()
                    .forEach((process, ms) -> line.append(String.format(Locale.ROOT, "  %s %.3f", process, ms)));
            out.println(line);
        }
    }

    private static void idle(PrintStream out, Figures f) {
        if (!f.cpuPercent().isEmpty()) {
            StringBuilder line = new StringBuilder("idle CPU, % of one core:");
            f.cpuPercent()
                    .forEach((process, pct) -> line.append(String.format(Locale.ROOT, "  %s %.1f", process, pct)));
            out.println(line.append(String.format(Locale.ROOT, "  total %.1f", f.cpuPercentTotal())));
        }
    }

    private static void phases(PrintStream out, String name, Figures f) {
        if (!f.phases().isEmpty()) {
            StringBuilder line = new StringBuilder(name + " phases, s:");
            f.phases().forEach((phase, s) -> line.append(String.format(Locale.ROOT, "  %s %.2f", phase, s)));
            out.println(line);
        }
    }

    private static void figures(ObjectNode node, Figures f) {
        Latencies.Summary s = f.run();
        node.put("calls", s.calls());
        number(node, "seconds", s.seconds());
        number(node, "calls_per_s", s.callsPerSecond());
        number(node, "p50_ms", s.p50Ms());
        number(node, "p90_ms", s.p90Ms());
        number(node, "p99_ms", s.p99Ms());
        number(node, "p999_ms", s.p999Ms());
        if (f.efficiency() != null) {
            number(node, "efficiency", f.efficiency());
        }
        if (f.mbPerS() != null) {
            number(node, "mb_per_s", f.mbPerS());
        }
        if (!f.phases().isEmpty()) {
            ObjectNode phases = node.putObject("phases_s");
            f.phases().forEach((name, value) -> number(phases, name, value));
        }
        if (!f.hops().isEmpty()) {
            ObjectNode hops = node.putObject("hops_ms");
            f.hops().forEach((name, value) -> number(hops, name, value));
        }
        if (!f.cpuMsPerCall().isEmpty()) {
            ObjectNode cpu = node.putObject("cpu_ms_per_call");
            f.cpuMsPerCall().forEach((name, value) -> number(cpu, name, value));
        }
        if (!f.cpuPercent().isEmpty()) {
            ObjectNode cpu = node.putObject("cpu_percent");
            f.cpuPercent().forEach((name, value) -> number(cpu, name, value));
            number(node, "cpu_percent_total", f.cpuPercentTotal());
        }
    }

    /** A rounded number, or null where the figure does not apply (NaN). */
    static void number(ObjectNode node, String name, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(name);
        } else {
            node.put(name, Math.round(value * 1000) / 1000.0);
        }
    }

    private static String times(Double ratio) {
        return ratio == null || ratio.isNaN() ? "-" : fixed(ratio, 2) + "x";
    }

    private static String fixed(Double value, int decimals) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
