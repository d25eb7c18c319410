package dev.computefabric.sdk.it;

import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.Ports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole fabric, once per test JVM: the embedded stack (broker, S3, registry) plus router, one gateway
 * and one executor, started as {@code cli}'s {@code LocalFabric} starts them (this module cannot depend on
 * {@code cli}, which is built after it). The stack's own shutdown hook stops everything when the JVM exits.
 */
final class TestFabric {

    static final String GATEWAY_ID = "gw-sdk-it";
    private static final List<String> HEAP = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static TestFabric shared;

    private final EmbeddedStack stack;
    private final String gatewayUrl;

    private TestFabric(EmbeddedStack stack, String gatewayUrl) {
        this.stack = stack;
        this.gatewayUrl = gatewayUrl;
    }

    static synchronized TestFabric shared() {
        if (shared == null) {
            shared = start(Path.of("target", "it-fabric-" + System.currentTimeMillis()).toAbsolutePath());
        }
        return shared;
    }

    EmbeddedStack stack() {
        return stack;
    }

    String bootstrap() {
        return stack.bootstrap();
    }

    String registryUrl() {
        return stack.registryUrl();
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    private static TestFabric start(Path dataDir) {
        EmbeddedStack stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        try {
            CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(() -> stack.startChild("router",
                    "result-router", "dev.computefabric.router.RouterMain", List.of(
                            "--bootstrap", stack.bootstrap(),
                            "--registry", stack.registryUrl(),
                            "--state-dir", stack.dataDir().resolve("router-state").toString()), HEAP, Map.of()));
            CompletableFuture<ChildJvm> gateway = CompletableFuture.supplyAsync(() -> stack.startChild("gateway",
                    "gateway", "dev.computefabric.gateway.GatewayApplication", List.of(
                            "--server.port=" + Ports.free(),
                            "--server.address=127.0.0.1",
                            "--fabric.bootstrap=" + stack.bootstrap(),
                            "--fabric.registry=" + stack.registryUrl(),
                            "--fabric.s3.endpoint=" + stack.s3Endpoint(),
                            "--fabric.s3.bucket=" + stack.s3Bucket(),
                            "--fabric.s3.access-key=" + stack.s3AccessKey(),
                            "--fabric.s3.secret-key=" + stack.s3SecretKey(),
                            "--fabric.gateway-id=" + GATEWAY_ID), HEAP, Map.of()));
            CompletableFuture<ChildJvm> executor = CompletableFuture.supplyAsync(() -> stack.startChild("executor-1",
                    "executor", "dev.computefabric.executor.ExecutorMain", List.of(
                            "--bootstrap", stack.bootstrap(),
                            "--registry", stack.registryUrl(),
                            "--s3", stack.s3Endpoint(),
                            "--s3-bucket", stack.s3Bucket(),
                            "--s3-access-key", stack.s3AccessKey(),
                            "--s3-secret-key", stack.s3SecretKey(),
                            "--id", "executor-1",
                            "--slots", "4",
                            "--capabilities", "python",
                            // Test machines run several builds at once: a busy host must not stall the suite.
                            "--max-load-per-core", "0",
                            "--min-free-memory", "0",
                            "--no-detect-runtimes"), HEAP, Map.of()));
            router.join();
            executor.join();
            return new TestFabric(stack, gateway.join().address());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }
}
