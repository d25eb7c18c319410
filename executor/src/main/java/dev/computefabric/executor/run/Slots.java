package dev.computefabric.executor.run;

/**
 * The executor's capacity: a call occupies {@code FuncCall.slots} slots while it runs. Acquired by the
 * dispatching thread before a call starts, released by the worker when it ends, read by presence.
 */
public final class Slots {

    private final int capacity;
    private int busy;

    public Slots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Takes {@code wanted} slots if they are free; false when they are not yet (they will be once running calls
     * end). A call that can never fit was refused before (see {@code Admission}), so asking for one is a bug.
     */
    public synchronized boolean tryAcquire(int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("a call occupies at least 1 slot, asked for " + wanted);
        }
        if (wanted > capacity) {
            throw new IllegalArgumentException(
                    wanted + " slots never fit in " + capacity + "; such a call is refused before");
        }
        if (wanted > capacity - busy) {
            return false;
        }
        busy += wanted;
        return true;
    }

    public synchronized void release(int held) {
        if (held < 1 || held > busy) {
            throw new IllegalStateException("cannot release " + held + " slots, " + busy + " are busy");
        }
        busy -= held;
        notifyAll();
    }

    /**
     * Waits up to {@code millis} until at least {@code wanted} slots are free; true if they are (they are not
     * taken: follow with {@link #tryAcquire}, which may still lose a race).
     */
    public synchronized boolean awaitFree(int wanted, long millis) throws InterruptedException {
        if (capacity - busy < wanted && millis > 0) {
            wait(millis);
        }
        return capacity - busy >= wanted;
    }

    public int capacity() {
        return capacity;
    }

    /** Slots occupied by calls: what presence reports as busy. */
    public synchronized int busy() {
        return busy;
    }

    public synchronized int free() {
        return capacity - busy;
    }
}
