package dev.computefabric.executor.dispatch.classic;

import dev.computefabric.executor.run.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps offsets, backlog and pausing right across rebalances. Runs on the dispatching thread, inside poll().
 *
 * <p>Before partitions move to another executor, their running calls get a short grace period to finish,
 * so that they can be committed and are not run twice. Calls still running after it keep running and
 * publish their results, but their offsets are no longer ours to commit: the new owner runs them again,
 * and the router keeps the first result (execution is at-least-once, completion exactly-once per callId).
 */
final class RebalanceHandler implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RebalanceHandler.class);
    private static final Duration WAIT_STEP = Duration.ofMillis(10);

    private final Consumer<?, ?> consumer;
    private final DispatchState state;
    private final Committer committer;
    private final WorkerPool workers;
    private final Clock clock;
    private final Duration revokeGrace;
    private final Runnable onAssigned;

    RebalanceHandler(
            Consumer<?, ?> consumer,
            DispatchState state,
            Committer committer,
            WorkerPool workers,
            Clock clock,
            Duration revokeGrace,
            Runnable onAssigned) {
        this.consumer = consumer;
        this.state = state;
        this.committer = committer;
        this.workers = workers;
        this.clock = clock;
        this.revokeGrace = revokeGrace;
        this.onAssigned = onAssigned;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        int notStarted = state.backlog().drop(partitions);
        awaitRunningCalls(partitions, notStarted);
        // Last chance to commit what finished on these partitions while they are still ours.
        committer.commitNow(partitions);
        state.tracker().revoked(partitions);
        log.info("revoked {}; {} received calls not started are left to the new owner", partitions, notStarted);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // Lost means another member may own them already: committing now could move its offsets.
        int notStarted = state.backlog().drop(partitions);
        state.tracker().revoked(partitions);
        log.warn(
                "lost {}; {} received calls not started, running ones will run again elsewhere",
                partitions,
                notStarted);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        state.tracker().assigned(partitions);
        state.backpressure().reapply(consumer);
        if (!partitions.isEmpty()) {
            log.info(
                    "assigned {}; now consuming {} partitions",
                    partitions,
                    consumer.assignment().size());
        }
        onAssigned.run();
    }

    /** Waits, up to the grace period, until the calls started from {@code partitions} have finished. */
    private void awaitRunningCalls(Collection<TopicPartition> partitions, int notStarted) {
        Instant deadline = clock.instant().plus(revokeGrace);
        state.completions().drainInto(state.tracker());
        try {
            // Received minus not started is running; a pool with nothing in flight has nothing to wait for
            // (calls abandoned on shutdown never finish).
            while (state.tracker().unfinished(partitions) > notStarted
                    && workers.inFlight() > 0
                    && clock.instant().isBefore(deadline)) {
                state.completions().awaitInto(state.tracker(), WAIT_STEP);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
