package dev.computefabric.sdk.it;

import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The whole fabric, once per test JVM: the embedded stack (broker, S3, registry) plus router and one executor,
 * started through {@link FabricComponents} like the launcher's; the gateway only once a test asks for it. The
 * stack's own shutdown hook stops everything when the JVM exits.
 *
 * <p>Kafka-native tests run first (class order: {@code src/test/resources/junit-platform.properties}) and take
 * {@link #neverCalledOverHttp()}: a fabric on which no gateway ever ran, so whatever they find (schemas by subject
 * above all) came from provisioning, not from a first HTTP call.
 */
final class TestFabric {

    static final String GATEWAY_ID = "gw-sdk-it";
    private static TestFabric shared;

    private final EmbeddedStack stack;
    private String gatewayUrl;

    private TestFabric(EmbeddedStack stack) {
        this.stack = stack;
    }

    static synchronized TestFabric shared() {
        if (shared == null) {
            shared = start(
                    Path.of("target", "it-fabric-" + System.currentTimeMillis()).toAbsolutePath());
        }
        return shared;
    }

    /** The shared fabric, which must not have started its gateway yet: nothing on it was ever called over HTTP. */
    static TestFabric neverCalledOverHttp() {
        TestFabric fabric = shared();
        synchronized (TestFabric.class) {
            if (fabric.gatewayUrl != null) {
                throw new IllegalStateException("a test started the gateway before this Kafka-native test ran; give"
                        + " Kafka-native test classes a lower @Order than every class that calls gatewayUrl()");
            }
        }
        return fabric;
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

    /** The gateway's URL; starts the gateway on first use. */
    String gatewayUrl() {
        synchronized (TestFabric.class) {
            if (gatewayUrl == null) {
                gatewayUrl =
                        new FabricComponents(stack).startGateway(GATEWAY_ID).address();
            }
            return gatewayUrl;
        }
    }

    private static TestFabric start(Path dataDir) {
        EmbeddedStack stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        try {
            FabricComponents components = new FabricComponents(stack);
            CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
            // Test machines run several builds at once: a busy host must not stall the suite.
            CompletableFuture<ChildJvm> executor = CompletableFuture.supplyAsync(() -> components.startExecutor(
                    "executor-1", 4, List.of("python"), "--max-load-per-core", "0", "--min-free-memory", "0"));
            router.join();
            executor.join();
            return new TestFabric(stack);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }
}
