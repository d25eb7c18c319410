package dev.computefabric.executor.api;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.executor.ExecutorNode;
import dev.computefabric.executor.ExecutorOptions;
import dev.computefabric.executor.function.NodeFunctions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A compute node running inside an application's own JVM: it joins the fabric's executor group, serves the
 * application's functions (and the built-ins) and announces them in the catalog, until {@link #close()}.
 *
 * <pre>{@code
 * try (FabricNode node = FabricNode.builder()
 *         .bootstrap("127.0.0.1:9092")
 *         .registry("http://127.0.0.1:8081")
 *         .s3("http://127.0.0.1:9000")
 *         .capabilities("gpu")
 *         .slots(8)
 *         .function(new Upper())
 *         .start()) {
 *     // serving until closed
 * }
 * }</pre>
 */
public final class FabricNode implements AutoCloseable {

    /** How much longer than the drain timeout {@link #close()} waits for the node to let go of everything. */
    static final Duration CLOSE_MARGIN = Duration.ofSeconds(20);

    private final ExecutorOptions options;
    private final ExecutorNode node;
    private final NodeFunctions functions;
    private final Thread thread;

    private FabricNode(ExecutorOptions options, ExecutorNode node, NodeFunctions functions, Thread thread) {
        this.options = options;
        this.node = node;
        this.functions = functions;
        this.thread = thread;
    }

    public static FabricNodeBuilder builder() {
        return new FabricNodeBuilder();
    }

    /**
     * Starts {@code node} on a thread of its own and returns once it is a member of the executor group (or
     * fails, saying why, if it is not within {@code readyTimeout}).
     */
    static FabricNode start(
            ExecutorOptions options, ExecutorNode node, NodeFunctions functions, Duration readyTimeout) {
        CountDownLatch ready = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = NamedThreads.named("fabric-node-" + options.executorId())
                .newThread(() -> {
                    try {
                        node.run(ready::countDown);
                    } catch (Throwable e) {
                        failure.set(e);
                    } finally {
                        ready.countDown();
                    }
                });
        thread.start();
        FabricNode started = new FabricNode(options, node, functions, thread);
        try {
            boolean inTime = ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (failure.get() != null) {
                throw new FabricNodeException(
                        "node " + options.executorId() + " stopped while starting: " + failure.get(), failure.get());
            }
            if (!inTime) {
                started.close();
                throw new FabricNodeException(
                        "node " + options.executorId() + " did not join the executor group within " + readyTimeout
                                + "; is Kafka at " + options.bootstrap() + " reachable?",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
            throw new FabricNodeException("interrupted while node " + options.executorId() + " was starting", e);
        }
        return started;
    }

    /** This node's id: its key in the catalog and in presence, and {@code executorId} in its results. */
    public String id() {
        return options.executorId();
    }

    /** Every capability the node serves: the declared ones plus the runtimes it found. */
    public Set<String> capabilities() {
        return options.capabilities().asSet();
    }

    /** The functions the node offers now, sorted. */
    public List<String> functions() {
        return functions.names();
    }

    /** Whether the node still runs: false once closed, or if it stopped on its own after a fatal error. */
    public boolean running() {
        return thread.isAlive();
    }

    /**
     * Stops taking calls, lets running calls finish within the drain timeout, removes the node's catalog and
     * presence, and returns once everything is closed.
     */
    @Override
    public void close() {
        node.requestStop();
        try {
            node.awaitStopped(options.drainTimeout().plus(CLOSE_MARGIN));
            thread.join(CLOSE_MARGIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
