package dev.computefabric.executor.dispatch.classic;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands finished records from the threads that finish them (workers, the producer's callbacks) to the
 * dispatching thread, which alone touches the {@link OffsetTracker} and the consumer.
 */
final class Completions {

    private final LinkedBlockingQueue<OffsetTracker.Ticket> done = new LinkedBlockingQueue<>();

    void add(OffsetTracker.Ticket ticket) {
        done.add(ticket);
    }

    /** Waits up to {@code timeout} for a record to finish, then marks every finished one; returns how many. */
    int awaitInto(OffsetTracker tracker, Duration timeout) throws InterruptedException {
        OffsetTracker.Ticket first = done.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        tracker.completed(first);
        return 1 + drainInto(tracker);
    }

    /** Marks every finished record in {@code tracker}; returns how many it took. */
    int drainInto(OffsetTracker tracker) {
        int drained = 0;
        for (OffsetTracker.Ticket ticket = done.poll(); ticket != null; ticket = done.poll()) {
            tracker.completed(ticket);
            drained++;
        }
        return drained;
    }
}
