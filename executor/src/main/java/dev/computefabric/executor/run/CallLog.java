package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.CallContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running call's log lines, sent as LOG events. Bounded: a script that prints a line per row must not flood
 * {@code fabric.events}; after {@link #MAX_LINES} lines one last line says how many more were dropped.
 */
final class CallLog implements CallContext.Log {

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);
    static final int MAX_LINES = 1_000;
    static final int MAX_LINE_LENGTH = 2_000;

    private final FuncCall call;
    private final CallEvents events;
    private final Clock clock;
    private int sent;
    private boolean warned;

    CallLog(FuncCall call, CallEvents events, Clock clock) {
        this.call = call;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public synchronized void line(String line) {
        if (line == null) {
            return;
        }
        if (sent >= MAX_LINES) {
            if (!warned) {
                warned = true;
                send("(more than " + MAX_LINES + " log lines: the rest are not sent)");
            }
            return;
        }
        sent++;
        send(line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH) + "...");
    }

    private void send(String line) {
        try {
            events.log(call, clock.instant(), line);
        } catch (RuntimeException e) {
            log.warn("could not emit LOG for call {}: {}", call.getCallId(), e.toString());
        }
    }
}
