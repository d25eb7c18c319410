package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.CallContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running call's log lines, sent as LOG events, at most {@link #MAX_LINES_PER_WINDOW} per {@link #WINDOW}: a
 * function printing in a tight loop must not flood {@code fabric.events}. Dropped lines are counted and the
 * count is said in the next line that goes out.
 */
final class ThrottledLog implements CallContext.Log {

    static final int MAX_LINES_PER_WINDOW = 50;
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final int MAX_LINE_LENGTH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ThrottledLog.class);

    private final FuncCall call;
    private final CallEvents events;
    private final Clock clock;
    private Instant windowStart = Instant.MIN;
    private int sentInWindow;
    private long dropped;

    ThrottledLog(FuncCall call, CallEvents events, Clock clock) {
        this.call = call;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public synchronized void line(String line) {
        if (line == null) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            sentInWindow = 0;
        }
        if (sentInWindow >= MAX_LINES_PER_WINDOW) {
            dropped++;
            return;
        }
        sentInWindow++;
        String text = line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH) + "…";
        if (dropped > 0) {
            text = "(" + dropped + " lines dropped) " + text;
            dropped = 0;
        }
        try {
            events.log(call, now, text);
        } catch (RuntimeException e) {
            log.warn("could not emit LOG for call {}: {}", call.getCallId(), e.toString());
        }
    }
}
