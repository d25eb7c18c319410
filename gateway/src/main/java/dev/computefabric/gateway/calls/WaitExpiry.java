package dev.computefabric.gateway.calls;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends expired waits of {@link PendingReplies} on one timer thread, which wakes at the earliest deadline and not
 * otherwise: a gateway nobody waits on sleeps, and one with many waits wakes when the first of them runs out, not on
 * a tick (a 10 ms tick was a third of a gateway's samples under load on the Kafka path, where nobody waits on it).
 * Waits usually end with their result long before their deadline, so a wake-up mostly finds nothing due and sleeps
 * until the next deadline.
 */
public final class WaitExpiry implements AutoCloseable {

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("gateway-wait-expiry"));
    private final PendingReplies pending;
    private final Clock clock;
    private final Runnable expire;
    /** Epoch millis of the wake-up scheduled earliest and not yet begun; {@link Long#MAX_VALUE}: none. */
    private final AtomicLong wakeAt = new AtomicLong(Long.MAX_VALUE);

    public WaitExpiry(PendingReplies pending, Clock clock) {
        this.pending = pending;
        this.clock = clock;
        this.expire = Periodic.surviving("expiring waits", this::expire);
        pending.onDeadline(this::wakeBy);
        pending.nextDeadline().ifPresent(this::wakeBy);
    }

    /** Makes sure the timer wakes by {@code deadline}; free when it does already (deadlines mostly come in order). */
    private void wakeBy(Instant deadline) {
        long at = deadline.toEpochMilli();
        long scheduled = wakeAt.get();
        while (at < scheduled) {
            if (wakeAt.compareAndSet(scheduled, at)) {
                try {
                    // At least 1 ms: a clock a little ahead of the timer's finds the wait not yet due, and waits again.
                    timer.schedule(expire, Math.max(1, at - clock.millis()), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopped) {
                    // The gateway stops: closing PendingReplies ends every wait.
                }
                return;
            }
            scheduled = wakeAt.get();
        }
    }

    private void expire() {
        // Before looking: a wait that starts from here on schedules its own wake-up if it needs an earlier one.
        wakeAt.set(Long.MAX_VALUE);
        try {
            pending.expireDue();
        } finally {
            // Also after a failure (logged by Periodic): the waits left must still be woken for.
            pending.nextDeadline().ifPresent(this::wakeBy);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
