package dev.computefabric.executor.presence;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import dev.computefabric.executor.function.FunctionLookup;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@code ExecutorStatus} in the compacted {@code fabric.executors}: at start, every
 * interval (so busy counts stay current and a crashed node's record visibly ages), and a tombstone on
 * clean exit.
 */
public final class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final FabricPublisher publisher;
    private final NodeDescription node;
    private final FunctionLookup functions;
    private final Slots slots;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("executor-presence"));
    private volatile boolean failing;
    private volatile boolean written;

    public Presence(
            FabricPublisher publisher,
            NodeDescription node,
            FunctionLookup functions,
            Slots slots,
            Clock clock,
            Duration interval) {
        this.publisher = publisher;
        this.node = node;
        this.functions = functions;
        this.slots = slots;
        this.clock = clock;
        this.interval = interval;
    }

    public void start() {
        timer.scheduleAtFixedRate(
                Periodic.surviving("the presence of " + node.executorId(), this::publish),
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops publishing and removes the record, waiting up to {@code timeout} for the broker to take it. */
    public void stop(Duration timeout) {
        timer.shutdownNow();
        try {
            // A status sent after the tombstone would bring a stopped node back to life in the compacted topic.
            timer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            publisher.statusTombstone().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("presence tombstone for {} not written: {}", node.executorId(), e.toString());
        }
    }

    private void publish() {
        publisher
                .status(node.status(slots.busy(), functions.names(), clock.instant()))
                .whenComplete((ok, error) -> {
                    // Log transitions only: a broker outage would otherwise log every interval.
                    if (error != null && !failing) {
                        log.warn("presence of {} not written: {}", node.executorId(), error.toString());
                    }
                    failing = error != null;
                    written |= error == null;
                });
    }

    /** For the readiness probe: empty once this node's record is in {@code fabric.executors} and the last write took. */
    public Optional<String> problem() {
        if (failing) {
            return Optional.of("presence of " + node.executorId() + " could not be written to " + Topics.EXECUTORS);
        }
        return written ? Optional.empty() : Optional.of("presence not written yet");
    }
}
