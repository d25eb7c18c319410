package dev.computefabric.gateway.calls;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends expired waits of {@link PendingReplies} on one timer thread. A tick of a few milliseconds adds at
 * most that much to a wait that runs out, and costs nothing while nobody waits.
 */
public final class WaitExpiry implements AutoCloseable {

    public static final Duration DEFAULT_TICK = Duration.ofMillis(10);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("gateway-wait-expiry"));

    public WaitExpiry(PendingReplies pending, Duration tick) {
        long millis = tick.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("tick must be at least 1 ms, got " + tick);
        }
        timer.scheduleWithFixedDelay(
                Periodic.surviving("expiring waits", pending::expireDue), millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
