package dev.computefabric.cli;

import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole fabric on this machine: the embedded stack (broker, S3, registry) plus the result router,
 * one gateway and some executors, each its own JVM. Closing it stops every process it started.
 */
public final class LocalFabric implements AutoCloseable {

    static final String ROUTER_MAIN = "dev.computefabric.router.RouterMain";
    static final String GATEWAY_MAIN = "dev.computefabric.gateway.GatewayApplication";
    static final String EXECUTOR_MAIN = "dev.computefabric.executor.ExecutorMain";

    /**
     * @param dataDir         where the broker, S3 and every log live
     * @param executors       the executors to start with the fabric
     * @param componentHeap   {@code -Xmx} of router, gateway and executors
     */
    public record Options(Path dataDir, List<ExecutorSpec> executors, String componentHeap) {

        public static final String DEFAULT_COMPONENT_HEAP = "256m";
        public static final int DEFAULT_SLOTS = 4;

        public Options {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir is required");
            }
            executors = List.copyOf(executors);
            componentHeap = componentHeap == null ? DEFAULT_COMPONENT_HEAP : componentHeap;
        }

        /** Two executors, one of which declares {@code python}, as {@code ./fabric up} runs them. */
        public static Options twoExecutors(Path dataDir) {
            return new Options(dataDir, List.of(
                    new ExecutorSpec("executor-1", List.of("python"), DEFAULT_SLOTS),
                    new ExecutorSpec("executor-2", List.of(), DEFAULT_SLOTS)), null);
        }
    }

    /** An executor to start: its id, the capabilities it declares, its slots. */
    public record ExecutorSpec(String id, List<String> capabilities, int slots) {

        public ExecutorSpec {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("executor id is required");
            }
            capabilities = List.copyOf(capabilities);
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be >= 1, got " + slots);
            }
        }
    }

    private final EmbeddedStack stack;
    private final Options options;
    private final String gatewayUrl;

    private LocalFabric(EmbeddedStack stack, Options options, String gatewayUrl) {
        this.stack = stack;
        this.options = options;
        this.gatewayUrl = gatewayUrl;
    }

    /** Starts everything; on any failure stops what already started and rethrows. */
    public static LocalFabric start(Options options) {
        EmbeddedStack stack = EmbeddedStack.builder().dataDir(options.dataDir()).build();
        try {
            stack.start();
            // The components are independent once topics exist: start them side by side.
            CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(() -> startRouter(stack, options));
            CompletableFuture<ChildJvm> gateway = CompletableFuture.supplyAsync(() -> startGateway(stack, options));
            List<CompletableFuture<ChildJvm>> executors = new ArrayList<>();
            for (ExecutorSpec spec : options.executors()) {
                executors.add(CompletableFuture.supplyAsync(() -> startExecutor(stack, options, spec)));
            }
            router.join();
            executors.forEach(CompletableFuture::join);
            return new LocalFabric(stack, options, gateway.join().address());
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** Starts one more executor against this fabric, e.g. with a capability no other node has. */
    public ChildJvm startExecutor(ExecutorSpec spec) {
        return startExecutor(stack, options, spec);
    }

    @Override
    public void close() {
        stack.close();
    }

    private static ChildJvm startRouter(EmbeddedStack stack, Options options) {
        return stack.startChild("router", "result-router", ROUTER_MAIN, List.of(
                        "--bootstrap", stack.bootstrap(),
                        "--registry", stack.registryUrl(),
                        "--state-dir", stack.dataDir().resolve("router-state").toString()),
                heap(options), Map.of());
    }

    private static ChildJvm startGateway(EmbeddedStack stack, Options options) {
        return stack.startChild("gateway", "gateway", GATEWAY_MAIN, List.of(
                        "--server.port=" + Ports.free(),
                        "--server.address=127.0.0.1",
                        "--fabric.bootstrap=" + stack.bootstrap(),
                        "--fabric.registry=" + stack.registryUrl(),
                        "--fabric.s3.endpoint=" + stack.s3Endpoint(),
                        "--fabric.s3.bucket=" + stack.s3Bucket(),
                        "--fabric.s3.access-key=" + stack.s3AccessKey(),
                        "--fabric.s3.secret-key=" + stack.s3SecretKey(),
                        "--fabric.gateway-id=gw-1"),
                heap(options), Map.of());
    }

    private static ChildJvm startExecutor(EmbeddedStack stack, Options options, ExecutorSpec spec) {
        List<String> args = new ArrayList<>(List.of(
                        "--bootstrap", stack.bootstrap(),
                        "--registry", stack.registryUrl(),
                        "--s3", stack.s3Endpoint(),
                        "--s3-bucket", stack.s3Bucket(),
                        "--s3-access-key", stack.s3AccessKey(),
                        "--s3-secret-key", stack.s3SecretKey(),
                        "--id", spec.id(),
                        "--slots", Integer.toString(spec.slots()),
                        // Exactly the declared capabilities: routing must not depend on what is on this PATH.
                        "--no-detect-runtimes"));
        if (!spec.capabilities().isEmpty()) {
            args.addAll(List.of("--capabilities", String.join(",", spec.capabilities())));
        }
        return stack.startChild(spec.id(), "executor", EXECUTOR_MAIN, args, heap(options), Map.of());
    }

    private static List<String> heap(Options options) {
        // Serial GC: on two cores shared by seven JVMs, parallel GC threads only compete with the work.
        return List.of("-Xmx" + options.componentHeap(), "-XX:+UseSerialGC");
    }
}
