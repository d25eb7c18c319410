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
        /** The call's end, handed on for the first time (perhaps already known from {@link #learnEnd}). */
        RECORDED,
        /** The call's end was handed on already: a late or repeated result. */
        DUPLICATE,
        UNKNOWN
    }

    /** @param handedOn the call's end went through {@link #complete} (not only {@link #learnEnd}) */
    private record Entry(CallSnapshot snapshot, long weight, boolean handedOn) {}

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
     * Records {@code result} for its call and hands its end on: the caller answers waits and ends what the call held
     * (its quota, the grants of its output tables) on {@link Completion#RECORDED}, once per call. A call that is
     * already terminal keeps its first result: terminal states are final, so a duplicate or late second result
     * changes nothing. An end only learnt from {@code fabric.status} ({@link #learnEnd}) is still handed on here.
     */
    public synchronized Completion complete(FuncResult result) {
        Entry entry = calls.get(result.getCallId());
        if (entry == null) {
            return Completion.UNKNOWN;
        }
        if (entry.handedOn()) {
            return Completion.DUPLICATE;
        }
        put(entry.snapshot().isTerminal() ? entry.snapshot() : entry.snapshot().with(result), true);
        return Completion.RECORDED;
    }

    /**
     * Records an end read from {@code fabric.status} before its reply came: lookups see the call terminal at once,
     * and the reply still hands the end on ({@link #complete}). Which of the two a gateway reads first is a race.
     */
    public synchronized void learnEnd(FuncResult result) {
        Entry entry = calls.get(result.getCallId());
        if (entry != null && !entry.snapshot().isTerminal()) {
            put(entry.snapshot().with(result), false);
        }
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
        put(call, false);
    }

    private void put(CallSnapshot call, boolean handedOn) {
        Entry entry = new Entry(call, weigh(call), handedOn);
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
