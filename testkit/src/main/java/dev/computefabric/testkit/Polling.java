package dev.computefabric.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Asks until a condition holds; for readiness that has no event to wait on (a catalog over HTTP, a first write). */
final class Polling {

    static final Duration INTERVAL = Duration.ofMillis(200);

    private Polling() {}

    /**
     * Calls {@code condition} until it returns true; an exception counts as not yet. Throws a
     * {@link FabricTestException} with {@code failure}'s message, and the last exception, once {@code bound} passed.
     */
    static void until(Duration bound, Callable<Boolean> condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new FabricTestException(
                        failure.get() + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FabricTestException("interrupted while waiting: " + failure.get(), e);
            }
        }
    }
}
