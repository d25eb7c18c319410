package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.common.NamedThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Announces a call's STARTED only once it has run for a grace period. Most calls of a busy fabric end sooner; for
 * them the event, the router's work on it and its status change would only say what the result says a moment
 * later. A call that runs longer is announced as started when it started, {@code grace} late.
 */
public final class DeferredStarts implements CallEvents, AutoCloseable {

    /** Long enough that short calls skip the event, short enough that a watcher sees a long call run at once. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(100);

    private final CallEvents events;
    private final Duration grace;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.named("executor-started-events"));
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    public DeferredStarts(CallEvents events, Duration grace) {
        this.events = events;
        this.grace = grace;
    }

    @Override
    public void started(FuncCall call, Instant at) {
        if (grace.isZero()) {
            events.started(call, at);
            return;
        }
        String callId = call.getCallId();
        // Sent from the timer thread with the MDC of the thread that started the call: it names the call and its trace.
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        pending.put(
                callId,
                timer.schedule(
                        () -> {
                            if (pending.remove(callId) != null) {
                                announce(call, at, mdc);
                            }
                        },
                        grace.toNanos(),
                        TimeUnit.NANOSECONDS));
    }

    private void announce(FuncCall call, Instant at, Map<String, String> mdc) {
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        try {
            events.started(call, at);
        } finally {
            MDC.clear();
        }
    }

    @Override
    public void progress(FuncCall call, Instant at, double fraction, String message) {
        events.progress(call, at, fraction, message);
    }

    @Override
    public void log(FuncCall call, Instant at, String line) {
        events.log(call, at, line);
    }

    @Override
    public void ended(FuncCall call) {
        ScheduledFuture<?> announcement = pending.remove(call.getCallId());
        if (announcement != null) {
            announcement.cancel(false);
        }
        events.ended(call);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
