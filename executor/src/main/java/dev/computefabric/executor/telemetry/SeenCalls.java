package dev.computefabric.executor.telemetry;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.dispatch.CallHeaders;
import dev.computefabric.observability.tracing.TraceHeaders;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.schemas.Capset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * What the records of calls taken by this node said beyond the call itself: its trace context, and its capability
 * set for the metrics' tags. Forgotten when the call's result is published; bounded, because a call abandoned on
 * shutdown or handed back is never published here.
 */
final class SeenCalls implements CallHeaders {

    /** Far more than a node holds at once (slots plus records prefetched); the oldest go first beyond it. */
    static final int MAX_ENTRIES = 10_000;

    /** One call as it came off its topic. */
    record Seen(String capset, Optional<TraceParent> trace) {}

    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    @Override
    public synchronized void seen(FuncCall call, Headers headers) {
        seen.put(call.getCallId(), new Seen(Capset.of(call.getRequirements()).name(), TraceHeaders.read(headers)));
    }

    /** What was seen of {@code call}; a call this node never decoded counts as untraced. */
    synchronized Seen of(FuncCall call) {
        Seen known = seen.get(call.getCallId());
        return known != null
                ? known
                : new Seen(Capset.of(call.getRequirements()).name(), Optional.empty());
    }

    synchronized Optional<Seen> forget(String callId) {
        return Optional.ofNullable(seen.remove(callId));
    }
}
