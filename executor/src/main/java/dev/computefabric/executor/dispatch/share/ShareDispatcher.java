package dev.computefabric.executor.dispatch.share;

import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.load.HostLoad;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.schemas.Capset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch through a KIP-932 share group: every executor is a member of one share group over the capability
 * topics it serves, and the broker hands out single records with a lock, not partitions. One {@link Lane}
 * (share consumer) per slot; a lane polls only with a free slot reserved, so a full node acquires nothing and
 * the other members take the work.
 */
public final class ShareDispatcher implements Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(ShareDispatcher.class);
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final Duration LANE_STOP_WAIT = Duration.ofSeconds(15);

    /** What the dispatcher needs from the cluster besides its consumers. */
    public interface Cluster {
        /** Every topic name; may throw when the cluster cannot be reached. */
        Set<String> listTopics();

        /** Makes the share group start from the earliest offset (before the first member joins). */
        void prepareGroup();
    }

    private final IntFunction<ShareConsumer<byte[], byte[]>> consumers;
    private final Cluster cluster;
    private final WorkerPool workers;
    private final FabricPublisher publisher;
    private final ShareDispatchOptions options;
    private final Clock clock;
    private final LaneContext ctx;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    public ShareDispatcher(IntFunction<ShareConsumer<byte[], byte[]>> consumers, Cluster cluster, Capset capabilities,
                           CallDecoder decoder, Slots slots, WorkerPool workers, FabricPublisher publisher, HostLoad load,
                           String executorId, ShareDispatchOptions options, Clock clock) {
        this.consumers = consumers;
        this.cluster = cluster;
        this.workers = workers;
        this.publisher = publisher;
        this.options = options;
        this.clock = clock;
        Supplier<Set<String>> topics = cluster::listTopics;
        this.ctx = new LaneContext(executorId, decoder, slots, workers, publisher, load, new CapabilityTopics(capabilities, topics),
                options, clock, stopping, new AtomicInteger(), new CountDownLatch(slots.capacity()));
    }

    @Override
    public void run(Runnable onReady) {
        cluster.prepareGroup();
        ctx.topics().refresh();
        Thread refresher = daemon("executor-topics", () -> ctx.topics().refreshEvery(options.topicRefresh(), stopping::get));
        refresher.start();
        List<Thread> lanes = new ArrayList<>();
        for (int i = 0; i < ctx.slots().capacity(); i++) {
            Thread lane = daemon("executor-lane-" + (i + 1), new Lane(consumers.apply(i + 1), ctx));
            lanes.add(lane);
            lane.start();
        }
        log.info("share dispatch: {} lanes on topics {}", lanes.size(), ctx.topics().current());
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
        drain(lanes);
        refresher.interrupt();
    }

    @Override
    public void requestStop() {
        stopping.set(true);
        stop.countDown();
    }

    /**
     * Lanes stop taking calls at once; running calls get the drain timeout, then are interrupted, and their
     * records released (handed back) so another executor runs them.
     */
    private void drain(List<Thread> lanes) {
        Instant deadline = clock.instant().plus(options.drainTimeout());
        log.info("draining: {} calls in flight; waiting up to {}", workers.inFlight(), options.drainTimeout());
        try {
            while (workers.inFlight() > 0 && clock.instant().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(20);
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
        publisher.flush();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
