package dev.computefabric.executor.dispatch.share;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.dispatch.NodeParts;
import dev.computefabric.executor.run.WorkerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch through a KIP-932 share group: every executor is a member of one share group over the capability
 * topics it serves, and the broker hands out single records with a lock, not partitions. A {@link Lane} (a share
 * consumer per topic) per slot and a quarter more ({@link #lanes}); a lane polls only while a slot is free, so a
 * full node takes no more than a record per spare lane, and the other members take the rest.
 */
public final class ShareDispatcher implements Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(ShareDispatcher.class);
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final Duration LANE_STOP_WAIT = Duration.ofSeconds(15);
    /** How often a drain looks whether the calls in flight have settled. */
    private static final Duration DRAIN_STEP = Duration.ofMillis(20);

    /** What the dispatcher needs from the cluster: topics, the group's start, a consumer per lane. */
    public interface Cluster extends AutoCloseable {
        /** Every topic name; may throw when the cluster cannot be reached. */
        Set<String> listTopics();

        /** Makes the share group start from the earliest offset (before the first member joins). */
        void prepareGroup();

        /** A new member of the executors' share group, for lane {@code lane} (1-based) to read {@code topic}. */
        ShareConsumer<byte[], byte[]> consumer(int lane, String topic);

        /** Called once when the dispatcher has stopped; the lanes have closed their consumers. */
        @Override
        default void close() {}
    }

    private final Cluster cluster;
    private final ShareDispatchOptions options;
    private final LaneContext ctx;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    public ShareDispatcher(Cluster cluster, NodeParts node, ShareDispatchOptions options) {
        this.cluster = cluster;
        this.options = options;
        Admission admission = new Admission(node.executorId(), node.slots().capacity(), options.maxDeliveries());
        this.ctx = new LaneContext(
                node,
                admission,
                new CapabilityTopics(node.capabilities(), cluster::listTopics),
                options,
                stopping,
                new AtomicInteger(),
                new CountDownLatch(lanes(node.slots().capacity())));
    }

    @Override
    public void run(Runnable onReady) {
        try {
            cluster.prepareGroup();
            ctx.topics().refresh();
            Thread refresher = NamedThreads.start(
                    "executor-topics", () -> ctx.topics().refreshEvery(options.topicRefresh(), stopping::get));
            NamedThreads laneThreads = NamedThreads.numbered("executor-lane");
            List<Thread> lanes = new ArrayList<>();
            for (int i = 1; i <= lanes(ctx.node().slots().capacity()); i++) {
                Thread lane = laneThreads.newThread(new Lane(lane(i), ctx));
                lanes.add(lane);
                lane.start();
            }
            log.info(
                    "share dispatch: {} lanes on topics {}",
                    lanes.size(),
                    ctx.topics().current());
            awaitStop(onReady);
            drain(lanes);
            refresher.interrupt();
        } finally {
            cluster.close();
        }
    }

    /**
     * The lanes of a node with {@code slots} slots: one per slot and a quarter more (none below 4 slots). A lane keeps
     * the record of the call it ran until the call's result is written and its acknowledgement confirmed, 2-6 ms after
     * the call freed its slot; with a lane per slot, each slot stood idle that long after every call (a burst of 50 ms
     * calls ran at 0.75-0.83 of the ideal). A spare lane's record is ready when the slot frees. The node still runs
     * no more calls than it has slots: a lane takes a slot for the call it got, waiting for one if need be.
     */
    static int lanes(int slots) {
        return slots + slots / 4;
    }

    /** Lane {@code number}'s consumers, one per topic, made when the node first serves it. */
    private Function<String, ShareConsumer<byte[], byte[]>> lane(int number) {
        return topic -> cluster.consumer(number, topic);
    }

    @Override
    public void requestStop() {
        stopping.set(true);
        stop.countDown();
    }

    /** Announces readiness once every lane polled (or after a bound), then waits for {@link #requestStop}. */
    private void awaitStop(Runnable onReady) {
        try {
            if (!ctx.polledOnce().await(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("not every lane polled within {}; announcing readiness anyway", READY_WAIT);
            }
            if (!stopping.get()) {
                onReady.run();
            }
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lanes stop taking calls at once; running calls get the drain timeout, then are interrupted, and their
     * records released (handed back) so another executor runs them.
     */
    private void drain(List<Thread> lanes) {
        WorkerPool workers = ctx.node().workers();
        Instant deadline = ctx.node().clock().instant().plus(options.drainTimeout());
        log.info("draining: {} calls in flight; waiting up to {}", workers.inFlight(), options.drainTimeout());
        try {
            while (workers.inFlight() > 0 && ctx.node().clock().instant().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(DRAIN_STEP.toMillis());
            }
            if (workers.inFlight() > 0) {
                log.warn("handing back {} calls still running after {}", workers.inFlight(), options.drainTimeout());
                workers.abandonRunning();
            }
            for (Thread lane : lanes) {
                lane.join(LANE_STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.node().publisher().flush();
    }
}
