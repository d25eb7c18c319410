package dev.computefabric.executor.dispatch.classic;

import dev.computefabric.executor.dispatch.DispatchOptions;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.dispatch.NodeParts;
import dev.computefabric.executor.dispatch.ServedTopics;
import dev.computefabric.executor.run.WorkerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch through a classic consumer group: one group for all executors, partitions of the capability
 * topics spread over them. One thread polls; workers run the calls. While no call can start, every
 * partition is paused and polling goes on, so the node stays in the group and resumes as soon as a slot
 * frees. Offsets are committed below the lowest unfinished record of each partition.
 */
public final class ClassicDispatcher implements Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(ClassicDispatcher.class);
    /** Bounds leaving the group when the broker is gone; the default is 30 s. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final Pattern topics;
    private final NodeParts node;
    private final DispatchOptions options;
    private final DispatchState state = new DispatchState();
    private final OffsetTracker tracker = state.tracker();
    private final Backlog backlog = state.backlog();
    private final Backpressure backpressure = state.backpressure();
    private final Committer committer;
    private final Intake intake;
    private volatile boolean stopRequested;
    private Runnable onReady = () -> {};
    private boolean ready;

    /** @param consumer a classic-protocol consumer in the executors' group; closed when {@link #run} returns */
    public ClassicDispatcher(Consumer<byte[], byte[]> consumer, NodeParts node, DispatchOptions options) {
        this.consumer = consumer;
        this.topics = ServedTopics.pattern(node.capabilities());
        this.node = node;
        this.options = options;
        this.committer = new Committer(consumer, tracker, node.clock(), options.commitInterval());
        this.intake = new Intake(node, state.completions(), options.retryBackoff());
    }

    @Override
    public void run(Runnable onReady) {
        this.onReady = onReady;
        consumer.subscribe(
                topics,
                new RebalanceHandler(
                        consumer, state, committer, node.workers(), node.clock(), options.revokeGrace(), this::ready));
        log.info(
                "consuming topics matching {} with {} slots",
                topics.pattern(),
                node.slots().capacity());
        try {
            while (!stopRequested) {
                step();
            }
            drain();
        } finally {
            close();
        }
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    /** One turn of the loop: settle, start what fits, pause or resume, poll, start what arrived, commit. */
    private void step() {
        try {
            state.settleCompleted();
            admit();
            backpressure.apply(
                    consumer,
                    Backpressure.shouldPause(false, backlog.size(), node.slots().free())
                            || node.overloaded().getAsBoolean());
            ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                backlog.add(
                        record,
                        tracker.received(new TopicPartition(record.topic(), record.partition()), record.offset()));
            }
            if (!records.isEmpty()) {
                admit();
            }
            state.settleCompleted();
            committer.commitIfDue();
        } catch (InterruptException e) {
            log.warn("dispatch thread interrupted; stopping");
            stopRequested = true;
        } catch (RuntimeException e) {
            // Whatever went wrong, the loop goes on: records stay tracked, so nothing is skipped.
            log.error("dispatch loop error; retrying in {}", options.retryBackoff(), e);
            backOff();
        }
    }

    /** Starts what fits, unless a stop was requested meanwhile: from then on no call starts here. */
    private void admit() {
        if (!stopRequested) {
            intake.admit(backlog);
        }
    }

    private Duration pollTimeout() {
        return backpressure.paused() ? options.pausedPollTimeout() : options.pollTimeout();
    }

    /**
     * Stops taking calls: the backlog is given back (its offsets stay uncommitted), running calls get until
     * the drain deadline, then are interrupted and abandoned; what finished is committed.
     */
    private void drain() {
        WorkerPool workers = node.workers();
        Instant deadline = node.clock().instant().plus(options.drainTimeout());
        int dropped = backlog.clear();
        log.info(
                "draining: {} calls running, {} received calls left for other executors; waiting up to {}",
                workers.inFlight(),
                dropped,
                options.drainTimeout());
        try {
            backpressure.apply(consumer, true);
            while (workers.inFlight() > 0 && node.clock().instant().isBefore(deadline)) {
                // Polling keeps the membership alive; every partition is paused, so no records come back.
                consumer.poll(options.pausedPollTimeout());
                state.settleCompleted();
                committer.commitIfDue();
            }
            if (workers.inFlight() > 0) {
                log.warn(
                        "abandoning {} calls still running after {}; they will run again elsewhere",
                        workers.inFlight(),
                        options.drainTimeout());
                workers.abandonRunning();
            }
            node.publisher().flush();
            state.settleCompleted();
            committer.commitAllNow();
        } catch (RuntimeException e) {
            log.error("draining failed; uncommitted calls will run again elsewhere", e);
        }
    }

    private void close() {
        try {
            // Leaves the group; the rebalance listener commits once more for the revoked partitions.
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            log.warn("closing the consumer failed: {}", e.toString());
        }
    }

    private void ready() {
        if (!ready) {
            ready = true;
            onReady.run();
        }
    }

    private void backOff() {
        try {
            TimeUnit.MILLISECONDS.sleep(options.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }
}
