package dev.computefabric.router;

import dev.computefabric.router.lifecycle.CallObserver;
import dev.computefabric.router.lifecycle.RouterMetrics;
import dev.computefabric.router.pipeline.StepTopics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running router: the {@link RouterTopology} in a {@link KafkaStreams} configured by
 * {@link RouterStreamsConfig}, with its start, failure and stop handling.
 */
public final class RunningRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningRouter.class);

    private final KafkaStreams streams;
    private final RouterOptions options;
    private final StepTopics stepTopics;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();

    private RunningRouter(KafkaStreams streams, RouterOptions options, StepTopics stepTopics) {
        this.streams = streams;
        this.options = options;
        this.stepTopics = stepTopics;
    }

    /** Builds and starts the router; it serves once {@link #awaitRunning(Duration)} returns true. */
    public static RunningRouter start(RouterOptions options) {
        return start(options, CallObserver.NONE);
    }

    /** Starts the router, telling {@code observer} what its lifecycle does (see {@code RouterTelemetry}). */
    public static RunningRouter start(RouterOptions options, CallObserver observer) {
        FabricSerdes serdes = FabricSerdes.forRegistry(options.registryUrl());
        StepTopics stepTopics = StepTopics.creating(options.bootstrap());
        KafkaStreams streams = new KafkaStreams(
                RouterTopology.build(serdes, options.timers(), observer, stepTopics),
                RouterStreamsConfig.properties(options));
        RunningRouter router = new RunningRouter(streams, options, stepTopics);
        streams.setStateListener(router::onStateChange);
        // A failed thread is replaced, not fatal: the failures that reach here are transient (registry or
        // broker unreachable), poison records are handled before they can kill a thread.
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread failed, replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return router;
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the final state: NOT_RUNNING after {@link #close()}, ERROR if Streams gave up. */
    public CompletableFuture<KafkaStreams.State> stopped() {
        return stopped;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Streams metrics, the router's own {@link RouterMetrics} among them. */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        log.info("stopping router {}", options.applicationId());
        // Leave the group: the partitions move at once (to another router, or to this one restarted)
        // instead of after the session timeout; a restart without it stalled ~40 s in REBALANCING.
        CloseOptions close = CloseOptions.timeout(options.closeTimeout())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (!streams.close(close)) {
            log.warn(
                    "router {} did not stop within {}; its threads are abandoned",
                    options.applicationId(),
                    options.closeTimeout());
        }
        stepTopics.close();
    }

    private void onStateChange(KafkaStreams.State next, KafkaStreams.State previous) {
        log.info("router {}: {} -> {}", options.applicationId(), previous, next);
        if (next == KafkaStreams.State.RUNNING) {
            running.countDown();
        } else if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) {
            stopped.complete(next);
        }
    }
}
