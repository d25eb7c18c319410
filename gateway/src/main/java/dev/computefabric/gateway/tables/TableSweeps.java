package dev.computefabric.gateway.tables;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import dev.computefabric.tables.retention.TableJanitor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the table retention sweep every interval on one thread of its own. Every gateway sweeps; sweeps are
 * idempotent, so several gateways only repeat each other's work. A failed sweep removes nothing and is logged;
 * the next one tries again.
 */
public final class TableSweeps implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TableSweeps.class);

    private final TableJanitor janitor;
    private final Duration interval;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("table-sweep"));

    public TableSweeps(TableJanitor janitor, Duration interval) {
        this.janitor = janitor;
        this.interval = interval;
    }

    public TableSweeps start() {
        scheduler.scheduleWithFixedDelay(
                Periodic.surviving("the table retention sweep", janitor::sweep),
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info(
                "table retention: sweeping every {}, removing unreferenced tables after {}",
                interval,
                janitor.retention());
        return this;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
