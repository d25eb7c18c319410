package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> HEAPS = Map.of("gateway", 256, "router", 256, "executor", 256);

    private static Latencies.Summary run(long calls, double seconds, double p50, double p90, double p99, double p999) {
        return new Latencies.Summary(calls, seconds, calls / seconds, p50, p90, p99, p999);
    }

    @Test
    void aLatencyLineHasTheFiguresTheFloorTheRatiosAndTheTargets() throws Exception {
        BenchReport report = new BenchReport(
                "latency",
                "http",
                Figures.of(run(1000, 10, 6, 8, 12, 20)),
                Figures.of(run(1000, 5, 4, 5, 10, 16)),
                null,
                HEAPS,
                null);

        JsonNode line = JSON.readTree(report.json());

        assertThat(line.fieldNames())
                .toIterable()
                .contains(
                        "scenario",
                        "path",
                        "calls",
                        "seconds",
                        "calls_per_s",
                        "p50_ms",
                        "p90_ms",
                        "p99_ms",
                        "p999_ms",
                        "floor",
                        "ratio",
                        "heap_max_mb",
                        "targets");
        assertThat(line.get("scenario").asText()).isEqualTo("latency");
        assertThat(line.get("calls_per_s").asDouble()).isEqualTo(100.0);
        assertThat(line.get("floor").get("p50_ms").asDouble()).isEqualTo(4.0);
        assertThat(line.get("ratio").get("p50_ms").asDouble()).isEqualTo(1.5);
        assertThat(line.get("ratio").get("p99_ms").asDouble()).isEqualTo(1.2);
        assertThat(line.get("ratio").get("calls_per_s").asDouble()).isEqualTo(0.5);
        assertThat(line.get("heap_max_mb").get("gateway").asInt()).isEqualTo(256);
        assertThat(line.has("efficiency")).isFalse();
        assertThat(line.get("targets")).hasSize(2);
        assertThat(line.get("targets").get(0).get("figure").asText()).isEqualTo("ratio.p50_ms");
        assertThat(line.get("targets").get(0).get("met").asBoolean()).isFalse();
        assertThat(line.get("targets").get(1).get("met").asBoolean()).isTrue();
    }

    @Test
    void aSleepLineCarriesEfficiencyForBothSidesAndCallsPerExecutor() throws Exception {
        BenchReport report = new BenchReport(
                "skew",
                "http",
                Figures.of(run(400, 1.5, 60, 70, 80, 90)).withEfficiency(0.82),
                Figures.of(run(400, 1.3, 55, 60, 70, 80)).withEfficiency(0.95),
                Map.of("fast-1", 250L, "slow", 10L),
                HEAPS,
                Map.of("sleep_ms", 50));

        JsonNode line = JSON.readTree(report.json());

        assertThat(line.get("efficiency").asDouble()).isEqualTo(0.82);
        assertThat(line.get("floor").get("efficiency").asDouble()).isEqualTo(0.95);
        assertThat(line.get("ratio").get("efficiency").asDouble()).isEqualTo(0.863);
        assertThat(line.get("calls_per_executor").get("slow").asLong()).isEqualTo(10);
        assertThat(line.get("settings").get("sleep_ms").asInt()).isEqualTo(50);
        assertThat(line.get("targets").get(0).get("min").asDouble()).isEqualTo(0.88);
        assertThat(line.get("targets").get(0).get("met").asBoolean()).isFalse();
    }

    @Test
    void aTableLineHasMegabytesPerSecondPhasesAndNoPercentiles() throws Exception {
        Figures fabric = Figures.ofTable(8, 128.0, Map.of("upload", 4.0, "call", 2.0, "download", 2.0));
        Figures floor = Figures.ofTable(4, 256.0, Map.of("upload", 2.0, "call", 1.0, "download", 1.0));

        JsonNode line = JSON.readTree(new BenchReport("table", "http", fabric, floor, null, HEAPS, null).json());

        assertThat(line.get("mb_per_s").asDouble()).isEqualTo(128.0);
        assertThat(line.get("p50_ms").isNull()).isTrue();
        assertThat(line.get("ratio").get("mb_per_s").asDouble()).isEqualTo(0.5);
        assertThat(line.get("ratio").get("p50_ms").isNull()).isTrue();
        assertThat(line.get("phases_s").get("upload").asDouble()).isEqualTo(4.0);
        assertThat(line.get("targets").get(0).get("met").asBoolean()).isFalse();
    }

    @Test
    void throughputTargetsAreRatiosToTheFloorWithALimitPerPathAndOneOnCpuPerCall() {
        Figures fabric =
                Figures.of(run(20_000, 4, 5, 6, 7, 8)).withCpu(Map.of("kafka", 1.0, "router", 0.5, "bench", 0.5));
        Figures floor =
                Figures.of(run(20_000, 3, 4, 5, 6, 7)).withCpu(Map.of("kafka", 0.3, "router", 0.1, "bench", 0.2));

        List<Targets.Target> kafka = new BenchReport("throughput", "kafka", fabric, floor, null, HEAPS, null).targets();
        List<Targets.Target> http = new BenchReport("throughput", "http", fabric, floor, null, HEAPS, null).targets();

        assertThat(kafka).first().satisfies(t -> {
            assertThat(t.figure()).isEqualTo("ratio.calls_per_s");
            assertThat(t.value()).isEqualTo(0.75);
            assertThat(t.limit()).isEqualTo(0.30);
        });
        assertThat(http).first().satisfies(t -> assertThat(t.limit()).isEqualTo(0.20));
        assertThat(kafka).last().satisfies(t -> {
            assertThat(t.figure()).isEqualTo("ratio.cpu_ms_per_call_total");
            // the floor counts only the broker and the bench: the router idles while the floor runs
            assertThat(t.value()).isEqualTo(4.0);
            assertThat(t.met()).isTrue();
        });
    }

    @Test
    void cpuPerCallIsSummedForFabricAndFloorWithTheirRatio() throws Exception {
        Figures fabric =
                Figures.of(run(100, 1, 5, 6, 7, 8)).withCpu(Map.of("kafka", 1.0, "gateway", 1.0, "bench", 0.5));
        Figures floor =
                Figures.of(run(100, 1, 4, 5, 6, 7)).withCpu(Map.of("kafka", 0.25, "gateway", 0.05, "bench", 0.25));

        JsonNode line = JSON.readTree(new BenchReport("latency", "http", fabric, floor, null, HEAPS, null).json());

        assertThat(line.get("cpu_ms_per_call_total").asDouble()).isEqualTo(2.5);
        assertThat(line.get("floor").get("cpu_ms_per_call_total").asDouble()).isEqualTo(0.5);
        assertThat(line.get("ratio").get("cpu_ms_per_call_total").asDouble()).isEqualTo(5.0);
    }

    @Test
    void anIdleLineHasCpuPercentPerProcessItsTotalAndNoFloor() throws Exception {
        Figures idle = Figures.ofIdle(30, Map.of("kafka", 4.0, "router", 2.5, "gateway", 1.0));

        JsonNode line = JSON.readTree(new BenchReport("idle", "http", idle, null, null, HEAPS, null).json());

        assertThat(line.get("cpu_percent").get("router").asDouble()).isEqualTo(2.5);
        assertThat(line.get("cpu_percent_total").asDouble()).isEqualTo(7.5);
        assertThat(line.has("floor")).isFalse();
        assertThat(line.get("targets").get(0).get("figure").asText()).isEqualTo("cpu_percent_total");
        assertThat(line.get("targets").get(0).get("met").asBoolean()).isTrue();
    }

    @Test
    void theTableShowsFabricFloorRatioAndTargets() {
        BenchReport report = new BenchReport(
                "latency",
                "kafka",
                Figures.of(run(1000, 10, 6, 8, 12, 20)),
                Figures.of(run(1000, 5, 4, 5, 10, 16)),
                null,
                HEAPS,
                null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        report.printTable(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "latency/kafka",
                        "fabric",
                        "floor",
                        "ratio",
                        "1.50x",
                        "target ratio.p50_ms <= 1.4: 1.5 (missed)");
    }
}
