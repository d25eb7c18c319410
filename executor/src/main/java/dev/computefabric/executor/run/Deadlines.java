package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.common.NamedThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls' deadlines ({@code submittedAt + timeoutMs}), and the one timer thread of a node that acts when a
 * running call's deadline passes. The timer only hands the news over: the action must be quick.
 */
final class Deadlines implements AutoCloseable {

    /** Watching one call's deadline; closing it stops watching (the call ended first). */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private static final Watch NOTHING = () -> {};

    private final Clock clock;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("executor-deadlines"));

    Deadlines(Clock clock) {
        this.clock = clock;
    }

    /** When {@code call} stops being worth running, or null when it has no deadline. */
    static Instant of(FuncCall call) {
        Long timeoutMs = call.getTimeoutMs();
        return timeoutMs == null || call.getSubmittedAt() == null
                ? null
                : call.getSubmittedAt().plusMillis(timeoutMs);
    }

    /** Runs {@code onPassed} once {@code call}'s deadline has passed, unless the watch is closed before. */
    Watch watch(FuncCall call, Runnable onPassed) {
        Instant deadline = of(call);
        if (deadline == null) {
            return NOTHING;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        ScheduledFuture<?> due = timer.schedule(onPassed, delay, TimeUnit.MILLISECONDS);
        return () -> due.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
