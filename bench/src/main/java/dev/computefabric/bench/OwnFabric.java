package dev.computefabric.bench;

import dev.computefabric.avro.Priority;
import dev.computefabric.executor.kafka.KafkaProps;
import dev.computefabric.infra.stack.DataDirs;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The fabric the bench starts for itself: which executors each scenario gets, and a local fabric with them that
 * lives for one measurement.
 */
final class OwnFabric {

    static final int SLOTS_PER_EXECUTOR = 8;
    /** {@code scale}: executors of this many slots, this many of them per fabric. */
    static final int SCALE_SLOTS = 4;

    static final List<Integer> SCALE_EXECUTORS = List.of(1, 2, 4);
    /** {@code priority}: a small fleet, so that 1,000 calls make a backlog of seconds. */
    static final int PRIORITY_SLOTS = 2;

    /** What runs on a fabric the bench started. */
    @FunctionalInterface
    interface Work<R> {
        R run(Target fabric) throws Exception;
    }

    private OwnFabric() {}

    /**
     * Starts a fabric with {@code nodes} as its executors, runs {@code work} on it, and stops it. With
     * {@code priorityTopics} the HIGH and LOW calls topics exist before the work starts.
     */
    static <R> R run(List<Node> nodes, boolean priorityTopics, Work<R> work) throws Exception {
        Path dataDir = Files.createTempDirectory("fabric-bench-");
        LocalFabric.Options options = new LocalFabric.Options(
                dataDir, nodes.stream().map(OwnFabric::spec).toList(), null);
        boolean done = false;
        try (LocalFabric fabric = LocalFabric.start(options)) {
            Target own = new Target(
                    fabric.gatewayUrl(),
                    fabric.stack().bootstrap(),
                    fabric.stack().registryUrl(),
                    Topics.replies(LocalFabric.GATEWAY_ID),
                    new Target.S3(
                            URI.create(fabric.stack().s3Endpoint()),
                            fabric.stack().s3Bucket(),
                            fabric.stack().s3AccessKey(),
                            fabric.stack().s3SecretKey()),
                    nodes,
                    Node.capacity(nodes),
                    heaps(fabric, options),
                    pids(fabric));
            if (priorityTopics) {
                createPriorityTopics(fabric);
            }
            R report = work.run(own);
            done = true;
            return report;
        } finally {
            if (done) {
                DataDirs.delete(dataDir);
            } else {
                System.err.println("bench: logs kept in " + dataDir.resolve("logs"));
            }
        }
    }

    /**
     * The executors of each scenario: two 8-slot nodes; for skew unequal sizes and one slow single slot; for
     * priority two small nodes.
     */
    static List<Node> nodes(BenchCommand.Scenario scenario) {
        if (scenario == BenchCommand.Scenario.priority) {
            return List.of(new Node("executor-1", PRIORITY_SLOTS, 1.0), new Node("executor-2", PRIORITY_SLOTS, 1.0));
        }
        if (scenario == BenchCommand.Scenario.skew) {
            return List.of(new Node("fast-1", 10, 1.0), new Node("fast-2", 5, 1.0), new Node("slow", 1, 4.0));
        }
        return List.of(
                new Node("executor-1", SLOTS_PER_EXECUTOR, 1.0), new Node("executor-2", SLOTS_PER_EXECUTOR, 1.0));
    }

    /** {@code scale}: {@code executors} equal nodes of {@link #SCALE_SLOTS} slots. */
    static List<Node> scaled(int executors) {
        return IntStream.rangeClosed(1, executors)
                .mapToObj(i -> new Node("executor-" + i, SCALE_SLOTS, 1.0))
                .toList();
    }

    /** The HIGH and LOW topics of calls that need no capability, then long enough for every lane to follow them. */
    private static void createPriorityTopics(LocalFabric fabric) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap()))) {
            TopicProvisioner topics = new TopicProvisioner();
            topics.ensureCallsTopic(admin, Capset.of(), Priority.HIGH);
            topics.ensureCallsTopic(admin, Capset.of(), Priority.LOW);
        }
        // Executors see a new topic within their metadata age (3 s); the warm-up that follows is longer still.
        Thread.sleep(2L * KafkaProps.METADATA_MAX_AGE_MS);
    }

    private static LocalFabric.ExecutorSpec spec(Node node) {
        List<String> options =
                node.slowdown() == 1.0 ? List.of() : List.of("--slowdown", Double.toString(node.slowdown()));
        return new LocalFabric.ExecutorSpec(node.id(), List.of(), node.slots(), options);
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

    private static Map<String, Long> pids(LocalFabric fabric) {
        Map<String, Long> pids = new LinkedHashMap<>();
        fabric.stack().children().forEach(child -> pids.put(child.name(), child.pid()));
        return pids;
    }

    // -Xmx values as the launcher writes them: 256m, 1g.
    static int megabytes(String xmx) {
        return (int) (BenchCommand.parseSize(xmx) >> 20);
    }
}
