package dev.computefabric.common;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a timer repeats, made to outlive its own failures. A {@link ScheduledExecutorService} cancels a periodic task
 * for good the first time it throws, and says nothing: a console whose change feed threw once stays frozen while it
 * shows "live", a node whose presence threw once turns stale in every console. Wrapped here, a task that throws is
 * logged (with its stack trace the first time in a row, then as a count when it works again) and runs at its next
 * turn, which may find whatever broke it mended.
 */
public final class Periodic implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String what;
    private final Runnable task;
    /** Failed turns in a row. Turns never overlap, and the timer's queue orders one turn before the next. */
    private int failing;

    private Periodic(String what, Runnable task) {
        this.what = Objects.requireNonNull(what, "what");
        this.task = Objects.requireNonNull(task, "task");
    }

    /**
     * {@code task}, no longer able to throw out of a turn: to schedule with {@code scheduleWithFixedDelay} or
     * {@code scheduleAtFixedRate}. {@code what} names it in the log ("the console's change feed").
     */
    public static Runnable surviving(String what, Runnable task) {
        return new Periodic(what, task);
    }

    @Override
    public void run() {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (failing++ == 0) {
                log.error("{} failed; it runs again at its next turn", what, e);
            } else {
                log.warn("{} failed again ({} turns in a row): {}", what, failing, e.toString());
            }
            return;
        }
        if (failing > 0) {
            log.info("{} works again after {} failed turns", what, failing);
            failing = 0;
        }
    }

    @Override
    public String toString() {
        return what;
    }
}
