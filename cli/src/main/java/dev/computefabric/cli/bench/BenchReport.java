package dev.computefabric.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;

/**
 * One scenario's result: the fabric's figures, the floor's where there is one, and their ratios;
 * printed as a readable table or as one JSON object per line.
 */
record BenchReport(String scenario, String path, Latencies.Summary fabric, Latencies.Summary floor,
                   Double efficiency, Map<String, Integer> heapMaxMb) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String json() {
        ObjectNode line = JSON.createObjectNode().put("scenario", scenario).put("path", path);
        figures(line, fabric);
        if (efficiency != null) {
            line.put("efficiency", round(efficiency));
        }
        if (floor != null) {
            figures(line.putObject("floor"), floor);
            ObjectNode ratio = line.putObject("ratio");
            ratio.put("calls_per_s", round(fabric.callsPerSecond() / floor.callsPerSecond()));
            ratio.put("p50_ms", round(fabric.p50Ms() / floor.p50Ms()));
            ratio.put("p90_ms", round(fabric.p90Ms() / floor.p90Ms()));
            ratio.put("p99_ms", round(fabric.p99Ms() / floor.p99Ms()));
            ratio.put("p999_ms", round(fabric.p999Ms() / floor.p999Ms()));
        }
        ObjectNode heaps = line.putObject("heap_max_mb");
        heapMaxMb.forEach(heaps::put);
        return line.toString();
    }

    void printTable(PrintStream out) {
        out.printf("%-12s %8s %9s %10s %8s %8s %8s %8s%n", scenario + "/" + path, "calls", "seconds", "calls/s", "p50 ms", "p90 ms", "p99 ms", "p999 ms");
        row(out, "fabric", fabric);
        if (floor != null) {
            row(out, "floor", floor);
            out.printf("%-12s %8s %9s %9.2fx %7.2fx %7.2fx %7.2fx %7.2fx%n", "ratio", "", "",
                    fabric.callsPerSecond() / floor.callsPerSecond(), fabric.p50Ms() / floor.p50Ms(),
                    fabric.p90Ms() / floor.p90Ms(), fabric.p99Ms() / floor.p99Ms(), fabric.p999Ms() / floor.p999Ms());
        }
        if (efficiency != null) {
            out.printf("efficiency (ideal / makespan): %.3f%n", efficiency);
        }
    }

    private static void row(PrintStream out, String name, Latencies.Summary s) {
        out.printf("%-12s %8d %9.2f %10.1f %8.2f %8.2f %8.2f %8.2f%n", name, s.calls(), s.seconds(), s.callsPerSecond(),
                s.p50Ms(), s.p90Ms(), s.p99Ms(), s.p999Ms());
    }

    private static void figures(ObjectNode node, Latencies.Summary s) {
        node.put("calls", s.calls()).put("seconds", round(s.seconds())).put("calls_per_s", round(s.callsPerSecond()))
                .put("p50_ms", s.p50Ms()).put("p90_ms", s.p90Ms()).put("p99_ms", s.p99Ms()).put("p999_ms", s.p999Ms());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
