package dev.computefabric.gateway.calls;

/**
 * The default memory budget of each of the gateway's three views of calls: the calls it accepted
 * ({@link RecentCalls}), the statuses of every call of the fabric ({@link StatusView}) and the console's call list.
 * Each gets an eighth of the heap by default, at most 64 MiB, so the three together keep well inside the old
 * generation of a small heap. Fixed 64 MiB budgets did not: at {@code -Xmx256m} a gateway that had seen 100,000 calls
 * held 230 MB live and spent most of its time in full collections.
 */
public final class HeapBudget {

    /** The most a view takes by default, whatever the heap. */
    public static final long MAX_DEFAULT_BYTES = 64L * 1024 * 1024;
    /** Each view's share of the heap: one eighth. */
    static final int HEAP_FRACTION = 8;

    private HeapBudget() {}

    /** The default budget of one view in this JVM. */
    public static long perView() {
        return perView(Runtime.getRuntime().maxMemory());
    }

    /** The default budget of one view in a heap of {@code maxHeapBytes}. */
    public static long perView(long maxHeapBytes) {
        return Math.min(MAX_DEFAULT_BYTES, maxHeapBytes / HEAP_FRACTION);
    }
}
