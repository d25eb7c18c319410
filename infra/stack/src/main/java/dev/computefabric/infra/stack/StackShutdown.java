package dev.computefabric.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a stack stops, each child with SIGTERM and a grace period: routers, gateways and executors side by side (each
 * needs only Kafka to drain, and stopping takes each about a second), then the registry and S3, newest first, then
 * the brokers ({@link #stopKafka}). Logs how long each child took.
 */
final class StackShutdown {

    /** How long the brokers left once a cluster lost its quorum get to exit before they are killed. */
    static final Duration LOST_QUORUM_WAIT = Duration.ofSeconds(2);

    private static final Duration QUORUM_CHECK_INTERVAL = Duration.ofMillis(100);
    // The stack's logger: what an operator reads is the stack stopping.
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private StackShutdown() {}

    /** Stops them all; throws, once all are stopped, if any failed to. */
    static void stop(
            List<ChildJvm> components, List<ChildJvm> servicesNewestFirst, List<ChildJvm> brokers, Path logDir) {
        long began = System.nanoTime();
        List<Stopped> stopped = new ArrayList<>(Stopped.sideBySide(components));
        servicesNewestFirst.forEach(child -> stopped.add(Stopped.stop(child)));
        stopped.addAll(stopKafka(brokers));
        LOG.info(
                "stack stopped in {} ms ({})",
                Duration.ofNanos(System.nanoTime() - began).toMillis(),
                stopped);
        List<RuntimeException> failures =
                stopped.stream().map(Stopped::failure).filter(Objects::nonNull).toList();
        if (!failures.isEmpty()) {
            IllegalStateException failure =
                    new IllegalStateException("some stack children did not stop; see " + logDir);
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * Stops the brokers side by side. A node's controlled shutdown needs a quorum of controllers to acknowledge it:
     * once most nodes of a cluster have exited, one still stopping waits for an answer that cannot come until its grace
     * period ends (15 s, the last node nearly every time when they were stopped one by one). It is killed after
     * {@link #LOST_QUORUM_WAIT} instead, as the others have left: its data is recovered at its next start.
     */
    private static List<Stopped> stopKafka(List<ChildJvm> nodes) {
        CompletableFuture<List<Stopped>> stopping = CompletableFuture.supplyAsync(
                () -> Stopped.sideBySide(nodes), task -> new Thread(task, "fabric-stop-kafka").start());
        int majority = nodes.size() / 2 + 1;
        long quorumLostAt = 0;
        while (nodes.size() > 1 && !stopping.isDone()) {
            List<ChildJvm> alive = nodes.stream().filter(ChildJvm::isAlive).toList();
            if (quorumLostAt == 0 && alive.size() < majority) {
                quorumLostAt = System.nanoTime();
            }
            if (quorumLostAt != 0 && System.nanoTime() - quorumLostAt > LOST_QUORUM_WAIT.toNanos()) {
                LOG.info("{} cannot finish a controlled shutdown without a quorum; killing it", alive);
                alive.forEach(StackShutdown::killQuietly);
            }
            try {
                stopping.get(QUORUM_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still stopping: look at the quorum again.
            } catch (ExecutionException e) {
                throw new IllegalStateException("stopping the brokers failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return stopping.join();
    }

    private static void killQuietly(ChildJvm child) {
        try {
            child.kill();
        } catch (RuntimeException e) {
            LOG.warn("cannot kill {}: {}", child, e.toString());
        }
    }

    /** How one child's stop went: how long it took, and why it failed if it did. */
    private record Stopped(String name, Duration took, RuntimeException failure) {

        static Stopped stop(ChildJvm child) {
            long began = System.nanoTime();
            RuntimeException failure = null;
            try {
                child.stop();
            } catch (RuntimeException e) {
                failure = e;
            }
            return new Stopped(child.name(), Duration.ofNanos(System.nanoTime() - began), failure);
        }

        static List<Stopped> sideBySide(List<ChildJvm> children) {
            List<CompletableFuture<Stopped>> stopping = children.stream()
                    .map(child -> CompletableFuture.supplyAsync(
                            () -> stop(child), task -> new Thread(task, "fabric-stop-" + child.name()).start()))
                    .toList();
            return stopping.stream().map(CompletableFuture::join).toList();
        }

        @Override
        public String toString() {
            return name + " " + took.toMillis() + " ms" + (failure == null ? "" : " (failed)");
        }
    }
}
