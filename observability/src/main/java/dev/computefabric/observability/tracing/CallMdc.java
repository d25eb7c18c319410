package dev.computefabric.observability.tracing;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The call a thread works on, in the logging MDC: {@code callId} and {@code traceId} in every line logged meanwhile,
 * and {@code traceparent} for {@link TraceHeaderInterceptor} to put on what the thread sends. Closing restores
 * nothing but removes the three keys: a thread works on one call at a time.
 */
public final class CallMdc implements AutoCloseable {

    public static final String CALL_ID = "callId";
    public static final String TRACE_ID = "traceId";
    public static final String TRACEPARENT = TraceParent.HEADER;

    private static final CallMdc NONE = new CallMdc();

    private CallMdc() {}

    /** Puts the call (and its trace, when it has one) in this thread's MDC until closed. */
    public static CallMdc put(String callId, Optional<TraceParent> trace) {
        MDC.put(CALL_ID, callId);
        if (trace.isPresent()) {
            MDC.put(TRACE_ID, trace.get().traceId());
            MDC.put(TRACEPARENT, trace.get().toString());
        } else {
            MDC.remove(TRACE_ID);
            MDC.remove(TRACEPARENT);
        }
        return NONE;
    }

    /** Puts a trace in this thread's MDC until closed, before the call it belongs to has an id (the gateway). */
    public static CallMdc putTrace(Optional<TraceParent> trace) {
        trace.ifPresent(t -> {
            MDC.put(TRACE_ID, t.traceId());
            MDC.put(TRACEPARENT, t.toString());
        });
        return NONE;
    }

    /** Removes the call from this thread's MDC. */
    public static void clear() {
        MDC.remove(CALL_ID);
        MDC.remove(TRACE_ID);
        MDC.remove(TRACEPARENT);
    }

    /** The call this thread works on, if any. */
    public static Optional<String> callId() {
        return Optional.ofNullable(MDC.get(CALL_ID));
    }

    /** The trace of the call this thread works on, if it has one. */
    public static Optional<TraceParent> trace() {
        return TraceParent.parse(MDC.get(TRACEPARENT));
    }

    @Override
    public void close() {
        clear();
    }
}
