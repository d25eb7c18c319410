package dev.computefabric.cli.bench;

import dev.computefabric.cli.DataDirs;
import dev.computefabric.cli.LocalFabric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./fabric bench SCENARIO}: measures the fabric against the raw Kafka floor on the same broker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the fabric against the raw Kafka floor (same hops, broker and client settings).")
public final class BenchCommand implements Callable<Integer> {

    /** What can be measured today; every scenario runs end to end. */
    enum Scenario { latency, throughput, sleep }

    static final int DEFAULT_WARMUP = 2_000;
    static final int EXECUTORS = 2;
    static final int SLOTS_PER_EXECUTOR = 8;

    @Parameters(index = "0", description = "Scenario: ${COMPLETION-CANDIDATES}.")
    Scenario scenario;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    boolean json;

    @Option(names = "--calls", description = "Measured calls (default: 5000 latency, 20000 throughput, 400 sleep).")
    Integer calls;

    @Option(names = "--warmup", description = "Calls before measuring, discarded (default: ${DEFAULT-VALUE}).")
    int warmup = DEFAULT_WARMUP;

    @Option(names = "--in-flight", description = "Calls outstanding at once in throughput (default: ${DEFAULT-VALUE}).")
    int inFlight = 64;

    @Option(names = "--sleep-ms", description = "Duration of each call in the sleep scenario (default: ${DEFAULT-VALUE}).")
    int sleepMs = 50;

    @Option(names = "--gateway", description = "Measure a running fabric at this gateway URL instead of starting one (needs --bootstrap).")
    String gateway;

    @Option(names = "--bootstrap", description = "Kafka of the running fabric, for the floor.")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        if (gateway != null && bootstrap == null) {
            throw new IllegalArgumentException("--gateway needs --bootstrap: the floor runs on the same broker");
        }
        if (gateway != null) {
            report(measure(gateway, bootstrap, Map.of()));
            return 0;
        }
        Path dataDir = Files.createTempDirectory("fabric-bench-");
        List<LocalFabric.ExecutorSpec> executors = java.util.stream.IntStream.rangeClosed(1, EXECUTORS)
                .mapToObj(i -> new LocalFabric.ExecutorSpec("executor-" + i, List.of(), SLOTS_PER_EXECUTOR)).toList();
        LocalFabric.Options options = new LocalFabric.Options(dataDir, executors, null);
        try (LocalFabric fabric = LocalFabric.start(options)) {
            report(measure(fabric.gatewayUrl(), fabric.stack().bootstrap(), heaps(fabric, options)));
        }
        DataDirs.delete(dataDir);
        return 0;
    }

    private BenchReport measure(String gatewayUrl, String kafka, Map<String, Integer> heaps) throws Exception {
        HttpCalls http = new HttpCalls(gatewayUrl);
        return switch (scenario) {
            case latency -> withFloor(kafka, heaps, () -> Load.sequential(count(5_000), http::echo),
                    floor -> Load.sequential(count(5_000), floor::roundTrip), http);
            case throughput -> withFloor(kafka, heaps, () -> Load.closedLoop(count(20_000), inFlight, http::echo),
                    floor -> Load.closedLoop(count(20_000), inFlight, floor::roundTrip), http);
            case sleep -> sleep(http, heaps);
        };
    }

    private BenchReport withFloor(String kafka, Map<String, Integer> heaps, java.util.function.Supplier<Latencies.Summary> fabricRun,
                                  java.util.function.Function<KafkaFloor, Latencies.Summary> floorRun, HttpCalls http) throws Exception {
        // FINDINGS pitfall 3: a fresh JVM and broker are several times slower at first; warm both, discard.
        Load.closedLoop(warmup, inFlight, http::echo);
        Latencies.Summary fabric = fabricRun.get();
        Latencies.Summary floor;
        try (KafkaFloor kafkaFloor = KafkaFloor.start(kafka)) {
            Load.closedLoop(warmup, inFlight, kafkaFloor::roundTrip);
            floor = floorRun.apply(kafkaFloor);
        }
        return new BenchReport(scenario.name(), "http", fabric, floor, null, heaps);
    }

    private BenchReport sleep(HttpCalls http, Map<String, Integer> heaps) {
        Load.closedLoop(Math.min(warmup, 200), inFlight, http::echo);
        int n = count(400);
        int slots = EXECUTORS * SLOTS_PER_EXECUTOR;
        Duration each = Duration.ofMillis(sleepMs);
        Latencies.Summary run = Load.closedLoop(n, n, () -> http.sleep(each));
        double idealSeconds = (double) n * each.toMillis() / slots / 1000.0;
        return new BenchReport(scenario.name(), "http", run, null, idealSeconds / run.seconds(), heaps);
    }

    private int count(int defaultCalls) {
        return calls != null ? calls : defaultCalls;
    }

    private void report(BenchReport report) {
        if (json) {
            System.out.println(report.json());
        } else {
            report.printTable(System.out);
        }
    }

    private static Map<String, Integer> heaps(LocalFabric fabric, LocalFabric.Options options) {
        Map<String, Integer> heaps = new LinkedHashMap<>();
        int component = megabytes(options.componentHeap());
        heaps.put("kafka", megabytes(fabric.stack().options().brokerHeap()));
        heaps.put("gateway", component);
        heaps.put("router", component);
        heaps.put("executor", component);
        return heaps;
    }

    // -Xmx values as the launcher writes them: 256m, 1g.
    private static int megabytes(String xmx) {
        String value = xmx.toLowerCase(java.util.Locale.ROOT);
        long number = Long.parseLong(value.replaceAll("[^0-9]", ""));
        return (int) (value.endsWith("g") ? number * 1024 : value.endsWith("k") ? number / 1024 : number);
    }
}
