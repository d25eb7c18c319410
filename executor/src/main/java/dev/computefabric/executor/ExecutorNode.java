package dev.computefabric.executor;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.executor.control.ControlListener;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.presence.CatalogAnnouncer;
import dev.computefabric.executor.presence.Presence;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compute node: takes calls from the capability topics it serves, runs them within its slots and writes
 * their results to Kafka, until it is asked to stop. Assembled by {@link #builder}:
 * {@code ExecutorNode.builder(options).functions(registry).build().run(onReady)}.
 */
public final class ExecutorNode {

    private static final Logger log = LoggerFactory.getLogger(ExecutorNode.class);
    /** Bounds each step of closing that waits for the broker (the presence tombstone, the producer's flush). */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorOptions options;
    private final ControlListener control;
    private final Presence presence;
    private final CatalogAnnouncer catalog;
    private final Dispatcher dispatcher;
    private final List<AutoCloseable> closeAfterRun;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param closeAfterRun what the node releases once it has stopped, in this order */
    ExecutorNode(
            ExecutorOptions options,
            ControlListener control,
            Presence presence,
            CatalogAnnouncer catalog,
            Dispatcher dispatcher,
            List<AutoCloseable> closeAfterRun) {
        this.options = options;
        this.control = control;
        this.presence = presence;
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.closeAfterRun = List.copyOf(closeAfterRun);
    }

    /** A node with these options; the builder connects to Kafka, the schema registry and table storage. */
    public static ExecutorNodeBuilder builder(ExecutorOptions options) {
        return new ExecutorNodeBuilder(options);
    }

    /** Runs on the calling thread until {@link #requestStop()} has drained the node; then closes everything. */
    public void run(Runnable onReady) {
        log.info(
                "executor {} starting: capabilities {}, {} slots, {} dispatch, group {}, table storage {}",
                options.executorId(),
                options.capabilities().asSet(),
                options.slots(),
                options.dispatch().name().toLowerCase(Locale.ROOT),
                options.group(),
                options.tableStorage().map(s3 -> s3.endpoint().toString()).orElse("none (inline tables only)"));
        try {
            // Before any call is taken: a CANCEL sent from now on is heard.
            control.assignAtEnd();
            NamedThreads.start("executor-control", control);
            presence.start();
            catalog.start();
            dispatcher.run(onReady);
        } finally {
            control.stop();
            catalog.stop(CLOSE_TIMEOUT);
            presence.stop(CLOSE_TIMEOUT);
            closeAfterRun.forEach(ExecutorNode::closeQuietly);
            log.info("executor {} stopped", options.executorId());
            stopped.countDown();
        }
    }

    /** Starts a graceful stop: no new calls, running ones get the drain timeout. Returns at once. */
    public void requestStop() {
        dispatcher.requestStop();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", closeable, e.toString());
        }
    }
}
