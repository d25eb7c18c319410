package dev.computefabric.testkit;

import dev.computefabric.common.Futures;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.DataDirs;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the fabric every test of a run shares: broker, S3 and registry ({@link EmbeddedStack}), the result
 * router and one gateway, each a child JVM. Started by the first test that needs it and kept in JUnit's root store,
 * which closes it when the run ends.
 */
final class SharedFabric implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedFabric.class);

    /** The gateway's id, so its reply topic is {@code fabric.replies.gw-test}. */
    static final String GATEWAY_ID = "gw-test";

    /**
     * How long each child JVM may take to get ready. A test run shares the machine with the build and other builds:
     * a gateway took over the stack's default 60 s at a load average of 30 on two cores.
     */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** How many times this JVM started a shared fabric: once per run unless something is wrong. */
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final EmbeddedStack stack;
    private final Path dataDir;
    private final String gatewayUrl;
    private final TagAllocator tags = new TagAllocator();

    private SharedFabric(EmbeddedStack stack, Path dataDir, String gatewayUrl) {
        this.stack = stack;
        this.dataDir = dataDir;
        this.gatewayUrl = gatewayUrl;
    }

    static SharedFabric start() {
        STARTS.incrementAndGet();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("fabric-test-");
        } catch (IOException e) {
            throw new FabricTestException("cannot create a data folder for the fabric: " + e, e);
        }
        EmbeddedStack stack = EmbeddedStack.builder()
                .dataDir(dataDir)
                .readyTimeout(READY_TIMEOUT)
                .build();
        try {
            // The stack registers the contract's schemas as it starts: the registry's slow first write is done before
            // any node or client registers.
            stack.start();
            FabricComponents components = new FabricComponents(stack);
            CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
            CompletableFuture<ChildJvm> gateway =
                    CompletableFuture.supplyAsync(() -> components.startGateway(GATEWAY_ID));
            Futures.join(router);
            SharedFabric fabric =
                    new SharedFabric(stack, dataDir, Futures.join(gateway).address());
            LOG.info(
                    "fabric for tests: gateway {}, kafka {}, registry {}, s3 {}, logs in {}",
                    fabric.gatewayUrl,
                    stack.bootstrap(),
                    stack.registryUrl(),
                    stack.s3Endpoint(),
                    stack.logDir());
            return fabric;
        } catch (RuntimeException cause) {
            stack.close();
            throw new FabricTestException(
                    "the fabric for tests did not start (child logs in " + dataDir.resolve("logs")
                            + "; build the fabric first with ./mvnw -DskipTests package): " + cause.getMessage(),
                    cause);
        }
    }

    static int starts() {
        return STARTS.get();
    }

    EmbeddedStack stack() {
        return stack;
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    /** A capability tag no other test of this run has. */
    String allocateTag(String testName) {
        return tags.allocate(testName);
    }

    @Override
    public void close() {
        stack.close();
        DataDirs.delete(dataDir);
    }
}
