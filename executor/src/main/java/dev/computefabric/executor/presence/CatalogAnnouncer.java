package dev.computefabric.executor.presence;

import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.executor.function.NodeFunctions;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.schemas.Capset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@code FunctionCatalog} in the compacted {@code fabric.functions}: at start, whenever the
 * functions it offers change (a script added, changed or removed), and a tombstone on clean exit. A write that
 * fails is tried again after {@code retryInterval}, until a newer catalog supersedes it.
 */
public final class CatalogAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(CatalogAnnouncer.class);

    private final FabricPublisher publisher;
    private final String executorId;
    private final Capset capabilities;
    private final NodeFunctions functions;
    private final Clock clock;
    private final Duration retryInterval;
    // One thread: catalogs are written in the order they were made, so the newest is the one that stays.
    private final ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("executor-catalog"));
    private final AtomicLong version = new AtomicLong();

    public CatalogAnnouncer(
            FabricPublisher publisher,
            String executorId,
            Capset capabilities,
            NodeFunctions functions,
            Clock clock,
            Duration retryInterval) {
        this.publisher = publisher;
        this.executorId = executorId;
        this.capabilities = capabilities;
        this.functions = functions;
        this.clock = clock;
        this.retryInterval = retryInterval;
    }

    /** Announces the catalog now and after every change of the node's functions. */
    public void start() {
        functions.onChange(this::announce);
        announce();
    }

    /** The catalog as it is now. */
    public FunctionCatalog catalog() {
        return FunctionCatalog.newBuilder()
                .setExecutorId(executorId)
                .setCapabilities(new ArrayList<>(capabilities.asSet()))
                .setFunctions(new ArrayList<>(functions.specs()))
                .setUpdatedAt(clock.instant())
                .build();
    }

    /** Stops announcing and removes the catalog, waiting up to {@code timeout} for the broker to take it. */
    public void stop(Duration timeout) {
        writer.shutdownNow();
        try {
            // A catalog written after the tombstone would keep a stopped node's functions in the topic.
            writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            publisher.catalogTombstone().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("catalog tombstone for {} not written: {}", executorId, e.toString());
        }
    }

    private void announce() {
        long mine = version.incrementAndGet();
        submit(() -> write(mine), 0);
    }

    private void write(long mine) {
        if (mine != version.get()) {
            return; // a newer catalog is on its way
        }
        FunctionCatalog catalog = catalog();
        try {
            publisher.catalog(catalog).get(retryInterval.toMillis() * 4, TimeUnit.MILLISECONDS);
            log.info(
                    "catalog of {} announced: {}",
                    executorId,
                    catalog.getFunctions().stream().map(f -> f.getName()).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("catalog of {} not written, trying again in {}: {}", executorId, retryInterval, e.toString());
            submit(() -> write(mine), retryInterval.toMillis());
        }
    }

    private void submit(Runnable task, long delayMillis) {
        try {
            writer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // Stopping: the tombstone follows.
        }
    }
}
