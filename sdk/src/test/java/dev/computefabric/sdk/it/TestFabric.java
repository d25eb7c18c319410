package dev.computefabric.sdk.it;

import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The whole fabric, once per test JVM: the embedded stack (broker, S3, registry) plus router, one gateway
 * and one executor, started through {@link FabricComponents} like the launcher's. The stack's own shutdown
 * hook stops everything when the JVM exits.
 */
final class TestFabric {

    static final String GATEWAY_ID = "gw-sdk-it";
    private static TestFabric shared;

    private final EmbeddedStack stack;
    private final String gatewayUrl;

    private TestFabric(EmbeddedStack stack, String gatewayUrl) {
        this.stack = stack;
        this.gatewayUrl = gatewayUrl;
    }

    static synchronized TestFabric shared() {
        if (shared == null) {
            shared = start(
                    Path.of("target", "it-fabric-" + System.currentTimeMillis()).toAbsolutePath());
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
            FabricComponents components = new FabricComponents(stack);
            CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
            CompletableFuture<ChildJvm> gateway =
                    CompletableFuture.supplyAsync(() -> components.startGateway(GATEWAY_ID));
            // Test machines run several builds at once: a busy host must not stall the suite.
            CompletableFuture<ChildJvm> executor = CompletableFuture.supplyAsync(() -> components.startExecutor(
                    "executor-1", 4, List.of("python"), "--max-load-per-core", "0", "--min-free-memory", "0"));
            router.join();
            executor.join();
            return new TestFabric(stack, gateway.join().address());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }
}
