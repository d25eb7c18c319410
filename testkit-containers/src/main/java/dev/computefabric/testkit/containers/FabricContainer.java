package dev.computefabric.testkit.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.MountableFile;

/**
 * The whole fabric from its images, on a network of its own: a Kafka broker (Testcontainers' {@link KafkaContainer}
 * running the fabric's broker image in place of {@code apache/kafka}), the schema registry, the S3 server, the
 * provisioning of topics and schemas, the result router, a gateway and executors that serve your functions' jar.
 *
 * <pre>{@code
 * @Container
 * static final FabricContainer FABRIC = new FabricContainer().withFunctions(Path.of("target/my-functions.jar"));
 * ...
 * FabricClient.connect(FABRIC.gatewayUrl()).call("my.function", args, Result.class);
 * }</pre>
 *
 * <p>{@link #start()} returns once the gateway lists every executor as a live node of the built-in {@code echo}: a
 * call made then finds its function. {@link #stop()} stops every container at once (podman takes ~20 s to remove
 * one created through its API).
 */
public class FabricContainer implements Startable {

    public static final int KAFKA_PORT = 9092;
    public static final int REGISTRY_PORT = 8081;
    public static final int S3_PORT = 9000;
    public static final int GATEWAY_PORT = 8080;
    /** Where the containers reach the broker: a listener of its own on the fabric's network. */
    public static final String INTERNAL_BOOTSTRAP = "kafka:19092";

    public static final int DEFAULT_EXECUTORS = 1;
    public static final int DEFAULT_SLOTS = 4;
    /** Per container, and for the gateway to list the executors: generous, for a busy CI machine. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(5);
    /** Small heaps and C1 only: seven JVMs start at once, on CI machines with two cores. */
    public static final String DEFAULT_JAVA_OPTIONS = "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    static final String FUNCTIONS_DIR = "/opt/fabric/functions/";
    static final String READY_LOG = ".*FABRIC-READY.*";
    private static final Logger LOG = LoggerFactory.getLogger(FabricContainer.class);
    private static final Pattern LIVE_NODE = Pattern.compile("\"executorId\"");
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * The broker's settings for tests, as the embedded stack's DEV profile: a crashed share-group member's calls
     * come back in ~6 s instead of ~48 s.
     */
    static final Map<String, String> BROKER_ENV = Map.of(
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1",
            "KAFKA_GROUP_SHARE_MIN_SESSION_TIMEOUT_MS", "3000",
            "KAFKA_GROUP_SHARE_SESSION_TIMEOUT_MS", "6000",
            "KAFKA_GROUP_SHARE_MIN_HEARTBEAT_INTERVAL_MS", "500",
            "KAFKA_GROUP_SHARE_HEARTBEAT_INTERVAL_MS", "1000",
            "KAFKA_GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS", "1000",
            "KAFKA_HEAP_OPTS", "-Xmx768m");

    private FabricImages images = FabricImages.defaults();
    private int executorCount = DEFAULT_EXECUTORS;
    private int slots = DEFAULT_SLOTS;
    private final List<Path> functionJars = new ArrayList<>();
    private final List<String> capabilities = new ArrayList<>();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private String javaOptions = DEFAULT_JAVA_OPTIONS;

    private Network network;
    private KafkaContainer kafka;
    private GenericContainer<?> registry;
    private GenericContainer<?> s3;
    private GenericContainer<?> provision;
    private GenericContainer<?> router;
    private GenericContainer<?> gateway;
    private final List<GenericContainer<?>> executors = new ArrayList<>();

    /** Images other than {@code localhost/fabric/<component>:0.1.0-SNAPSHOT}. */
    public FabricContainer withImages(FabricImages images) {
        this.images = Objects.requireNonNull(images, "images");
        return this;
    }

    public FabricContainer withExecutors(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("executors must be at least 1, got " + count);
        }
        this.executorCount = count;
        return this;
    }

    /** Calls each executor runs at once. */
    public FabricContainer withSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        this.slots = slots;
        return this;
    }

    /**
     * A jar whose {@code FabricFunction}s (listed in {@code META-INF/services/dev.computefabric.executor.function
     * .FabricFunction}) every executor serves, as {@code --functions}. The image has the fabric's classes: the jar
     * needs only yours. Repeatable.
     */
    public FabricContainer withFunctions(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("functions jar " + jar.toAbsolutePath() + " does not exist (is the"
                    + " module packaged before its integration tests run?)");
        }
        functionJars.add(jar);
        return this;
    }

    /** Capability tags every executor offers beyond its own (as {@code --capabilities}). */
    public FabricContainer withCapabilities(String... tags) {
        capabilities.addAll(List.of(tags));
        return this;
    }

    public FabricContainer withStartupTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
        }
        this.startupTimeout = timeout;
        return this;
    }

    /** JVM options of every fabric container but the broker's (JAVA_TOOL_OPTIONS); empty for the images' own. */
    public FabricContainer withJavaOptions(String options) {
        this.javaOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    @Override
    public void start() {
        long begin = System.nanoTime();
        try {
            startInOrder();
            LOG.info("fabric ready in {} s: gateway {}", seconds(begin), gatewayUrl());
        } catch (RuntimeException e) {
            // Testcontainers' JUnit extension stops only what started: remove what did, then fail.
            stop();
            throw e;
        }
    }

    private void startInOrder() {
        network = Network.newNetwork();
        kafka = new KafkaContainer(images.kafka())
                .withNetwork(network)
                .withListener(INTERNAL_BOOTSTRAP)
                .withEnv(BROKER_ENV)
                .withStartupTimeout(startupTimeout)
                .withLogConsumer(log(FabricImages.KAFKA));
        kafka.start();
        registry = fabric(FabricImages.REGISTRY)
                .withNetworkAliases(FabricImages.REGISTRY)
                .withExposedPorts(REGISTRY_PORT)
                .withCommand("--host", "0.0.0.0", "--port", "" + REGISTRY_PORT, "--bootstrap", INTERNAL_BOOTSTRAP);
        s3 = fabric(FabricImages.S3)
                .withNetworkAliases(FabricImages.S3)
                .withExposedPorts(S3_PORT)
                .withCommand("--host", "0.0.0.0", "--port", "" + S3_PORT, "--basedir", "/data");
        startAll(List.of(registry, s3));
        // Topics and schemas before anything that reads them; the container exits 0 when done.
        // (Removed in stop() with the others: removing it now would hold the start up for podman's ~20 s.)
        provision = fabric(FabricImages.PROVISION)
                .withCommand("--bootstrap", INTERNAL_BOOTSTRAP, "--registry", internalRegistry())
                .waitingFor(Wait.forListeningPorts()) // no ports: the exit code is the check
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(startupTimeout));
        provision.start();
        router = fabric(FabricImages.ROUTER)
                .withCommand(
                        "--bootstrap",
                        INTERNAL_BOOTSTRAP,
                        "--registry",
                        internalRegistry(),
                        "--state-dir",
                        "/tmp/router-state");
        gateway = fabric(FabricImages.GATEWAY)
                .withExposedPorts(GATEWAY_PORT)
                .withCommand(
                        "--server.port=" + GATEWAY_PORT,
                        "--fabric.bootstrap=" + INTERNAL_BOOTSTRAP,
                        "--fabric.registry=" + internalRegistry(),
                        "--fabric.s3.endpoint=" + internalS3(),
                        "--fabric.gateway-id=gw-container");
        for (int i = 0; i < executorCount; i++) {
            executors.add(executor(i));
        }
        List<GenericContainer<?>> fabric = new ArrayList<>(List.of(router, gateway));
        fabric.addAll(executors);
        startAll(fabric);
        awaitExecutorsListed();
    }

    @Override
    public void stop() {
        long begin = System.nanoTime();
        List<GenericContainer<?>> all = new ArrayList<>(executors);
        all.add(gateway);
        all.add(router);
        all.add(provision);
        all.add(s3);
        all.add(registry);
        all.add(kafka);
        inParallel(all.stream().filter(Objects::nonNull).toList(), FabricContainer::stopQuietly);
        executors.clear();
        if (network != null) {
            network.close();
            network = null;
        }
        LOG.info("fabric containers removed in {} s", seconds(begin));
    }

    /** The gateway's REST API, from this machine. */
    public URI gatewayUrl() {
        return URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(GATEWAY_PORT));
    }

    /** Kafka, from this machine: for {@code KafkaSubmitter} and clients of your own. */
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    }

    public URI s3Endpoint() {
        return URI.create("http://" + s3.getHost() + ":" + s3.getMappedPort(S3_PORT));
    }

    public KafkaContainer kafka() {
        return kafka;
    }

    public GenericContainer<?> gateway() {
        return gateway;
    }

    public List<GenericContainer<?>> executors() {
        return List.copyOf(executors);
    }

    private GenericContainer<?> executor(int index) {
        List<String> command = new ArrayList<>(List.of(
                "--bootstrap",
                INTERNAL_BOOTSTRAP,
                "--registry",
                internalRegistry(),
                "--s3",
                internalS3(),
                "--slots",
                "" + slots,
                "--id",
                "executor-" + index));
        if (!capabilities.isEmpty()) {
            command.add("--capabilities=" + String.join(",", capabilities));
        }
        GenericContainer<?> executor = fabric(FabricImages.EXECUTOR);
        for (int j = 0; j < functionJars.size(); j++) {
            String target = FUNCTIONS_DIR + j + "-" + functionJars.get(j).getFileName();
            executor.withCopyFileToContainer(MountableFile.forHostPath(functionJars.get(j)), target);
            command.add("--functions=" + target);
        }
        executor.withLogConsumer(log(FabricImages.EXECUTOR + "-" + index));
        return executor.withCommand(command.toArray(String[]::new));
    }

    @SuppressWarnings("resource") // stopped by stop(), with the others
    private GenericContainer<?> fabric(String component) {
        GenericContainer<?> container = new GenericContainer<>(images.image(component))
                .withNetwork(network)
                .waitingFor(Wait.forLogMessage(READY_LOG, 1))
                .withStartupTimeout(startupTimeout)
                .withLogConsumer(log(component));
        if (!javaOptions.isBlank()) {
            container.withEnv("JAVA_TOOL_OPTIONS", javaOptions);
        }
        return container;
    }

    /** Every container is removed even if one cannot be: the others would be left behind for good (no Ryuk). */
    private static void stopQuietly(GenericContainer<?> container) {
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("could not stop {}: {}", container.getDockerImageName(), e.toString());
        }
    }

    private static void startAll(List<GenericContainer<?>> containers) {
        inParallel(containers, GenericContainer::start);
    }

    /**
     * One thread per container: the common pool has a single thread on a 2-core machine, and each call mostly waits
     * (on a log line, or on podman's removal).
     */
    private static void inParallel(List<GenericContainer<?>> containers, Consumer<GenericContainer<?>> action) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, containers.size()));
        try {
            CompletableFuture.allOf(containers.stream()
                            .map(container -> CompletableFuture.runAsync(() -> action.accept(container), threads))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            threads.shutdown();
        }
    }

    /** The gateway refuses calls to functions no node has announced yet: wait until it knows every executor. */
    private void awaitExecutorsListed() {
        HttpClient http = HttpClient.newHttpClient();
        URI echo = gatewayUrl().resolve("/v1/functions/echo");
        Instant deadline = Instant.now().plus(startupTimeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(echo)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && liveNodes(response.body()) >= executorCount) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the gateway to list the executors", e);
            } catch (java.io.IOException e) {
                last = e.toString();
            }
        }
        throw new IllegalStateException("the gateway did not list " + executorCount + " executor(s) within "
                + startupTimeout.toSeconds() + " s; its last answer to " + echo + ": " + last);
    }

    private static long seconds(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
    }

    static int liveNodes(String functionJson) {
        Matcher matcher = LIVE_NODE.matcher(functionJson);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private String internalRegistry() {
        return "http://" + FabricImages.REGISTRY + ":" + REGISTRY_PORT;
    }

    private String internalS3() {
        return "http://" + FabricImages.S3 + ":" + S3_PORT;
    }

    private static Slf4jLogConsumer log(String component) {
        return new Slf4jLogConsumer(LoggerFactory.getLogger("fabric." + component)).withPrefix(component);
    }
}
