package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.CallContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running call's progress reports, sent as PROGRESS events at most once per interval. A function may report
 * on every row; the fabric publishes each sent report on {@code fabric.status}, so the rest are dropped.
 */
final class ThrottledProgress implements CallContext.Progress {

    private static final Logger log = LoggerFactory.getLogger(ThrottledProgress.class);
    static final int MAX_MESSAGE_LENGTH = 500;

    private final FuncCall call;
    private final CallEvents events;
    private final Clock clock;
    private final Duration interval;
    private Instant lastSent;

    ThrottledProgress(FuncCall call, CallEvents events, Clock clock, Duration interval) {
        this.call = call;
        this.events = events;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public synchronized void report(double fraction, String message) {
        if (Double.isNaN(fraction)) {
            return;
        }
        Instant now = clock.instant();
        if (lastSent != null && now.isBefore(lastSent.plus(interval))) {
            return;
        }
        lastSent = now;
        String text = message == null || message.length() <= MAX_MESSAGE_LENGTH
                ? message
                : message.substring(0, MAX_MESSAGE_LENGTH);
        try {
            events.progress(call, now, Math.max(0.0, Math.min(1.0, fraction)), text);
        } catch (RuntimeException e) {
            log.warn("could not emit PROGRESS for call {}: {}", call.getCallId(), e.toString());
        }
    }
}
