package dev.computefabric.executor.run;

/**
 * The executor's capacity: a call occupies {@code FuncCall.slots} slots while it runs. Acquired by the
 * dispatching thread before a call starts, released by the worker when it ends, read by presence.
 */
public final class Slots {

    /** What {@link #tryAcquire(int)} decided. */
    public enum Verdict {
        /** The slots are now held by the caller. */
        ACQUIRED,
        /** Not enough slots are free now; they will be once running calls end. */
        WAIT,
        /** More slots than this executor has in total: the call can never run here. */
        NEVER
    }

    private final int capacity;
    private int busy;

    public Slots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized Verdict tryAcquire(int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("a call occupies at least 1 slot, asked for " + wanted);
        }
        if (wanted > capacity) {
            return Verdict.NEVER;
        }
        if (wanted > capacity - busy) {
            return Verdict.WAIT;
        }
        busy += wanted;
        return Verdict.ACQUIRED;
    }

    public synchronized void release(int held) {
        if (held < 1 || held > busy) {
            throw new IllegalStateException("cannot release " + held + " slots, " + busy + " are busy");
        }
        busy -= held;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int busy() {
        return busy;
    }

    public synchronized int free() {
        return capacity - busy;
    }
}
