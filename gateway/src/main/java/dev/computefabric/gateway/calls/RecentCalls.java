package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls this gateway accepted, most recently used last, bounded both by count and by an estimate of
 * the memory their results hold: results may carry inline tables of up to the inline limit each, so a
 * count alone would let a few thousand calls fill a small heap. The least recently used call is forgotten first.
 */
public final class RecentCalls implements CallLookup {

    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /**
     * Cost of an entry before its payload: map node, snapshot, ids, timestamps, the result's fields. Measured: a
     * finished echo call retains 619 bytes of heap, of which ~30 are its output.
     */
    static final int ENTRY_OVERHEAD_BYTES = 600;

    /** What {@link #complete} did with a result. */
    public enum Completion {
        RECORDED,
        DUPLICATE,
        UNKNOWN
    }

    private record Entry(CallSnapshot snapshot, long weight) {}

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> calls = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public RecentCalls(int maxEntries, long maxBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
        }
        if (maxBytes < ENTRY_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxBytes must be >= " + ENTRY_OVERHEAD_BYTES + ", got " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Remembers a call this gateway is about to publish. */
    public synchronized void remember(CallSnapshot call) {
        put(call);
    }

    /** Forgets a call, e.g. one the broker did not accept. */
    public synchronized void forget(String callId) {
        Entry removed = calls.remove(callId);
        if (removed != null) {
            bytes -= removed.weight();
        }
    }

    /**
     * Records {@code result} for its call. A call that is already terminal keeps its first result: terminal
     * states are final, so a duplicate or late second result changes nothing.
     */
    public synchronized Completion complete(FuncResult result) {
        Entry entry = calls.get(result.getCallId());
        if (entry == null) {
            return Completion.UNKNOWN;
        }
        if (entry.snapshot().isTerminal()) {
            return Completion.DUPLICATE;
        }
        put(entry.snapshot().with(result));
        return Completion.RECORDED;
    }

    @Override
    public synchronized Optional<CallSnapshot> find(String callId) {
        Entry entry = calls.get(callId);
        return entry == null ? Optional.empty() : Optional.of(entry.snapshot());
    }

    public synchronized int size() {
        return calls.size();
    }

    /** Estimated bytes held by the remembered calls. */
    public synchronized long bytes() {
        return bytes;
    }

    private void put(CallSnapshot call) {
        Entry entry = new Entry(call, weigh(call));
        Entry previous = calls.put(call.callId(), entry);
        bytes += entry.weight() - (previous == null ? 0 : previous.weight());
        evict();
    }

    private void evict() {
        Iterator<Map.Entry<String, Entry>> eldestFirst = calls.entrySet().iterator();
        // Keep at least the newest entry, even if it alone is over the byte budget: it was just accepted.
        while ((calls.size() > maxEntries || bytes > maxBytes) && calls.size() > 1) {
            bytes -= eldestFirst.next().getValue().weight();
            eldestFirst.remove();
        }
    }

    static long weigh(CallSnapshot call) {
        long weight = ENTRY_OVERHEAD_BYTES + call.function().length();
        FuncResult result = call.result();
        if (result != null) {
            weight += result.getOutput() == null ? 0 : result.getOutput().length();
            weight += result.getError() == null
                    ? 0
                    : result.getError().getMessage().length();
            for (Table table : result.getTables().values()) {
                weight += table.getData() instanceof ByteBuffer inline ? inline.remaining() : ENTRY_OVERHEAD_BYTES;
            }
        }
        return weight;
    }
}
