package dev.computefabric.executor.run;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why the node itself interrupted a running call (a CANCEL, its deadline), as opposed to a shutdown: only
 * the first reason counts and interrupts the worker. Lives as long as one run of one call.
 */
final class Interruption {

    /** What interrupted the call, and whether that was its deadline. */
    record Cause(String reason, boolean timedOut) {}

    private final Thread worker;
    private final AtomicReference<Cause> cause = new AtomicReference<>();

    Interruption(Thread worker) {
        this.worker = worker;
    }

    void cancel(String reason) {
        interrupt(new Cause(reason, false));
    }

    void timeout() {
        interrupt(new Cause("the call's deadline passed while it ran", true));
    }

    /** The cause, or null when the node did not interrupt the call. */
    Cause cause() {
        return cause.get();
    }

    /** Clears the worker's interrupt flag if it was ours, so the worker goes on to publish the result. */
    void clearOwnInterrupt() {
        if (cause.get() != null) {
            Thread.interrupted();
        }
    }

    private void interrupt(Cause first) {
        if (cause.compareAndSet(null, first)) {
            worker.interrupt();
        }
    }
}
