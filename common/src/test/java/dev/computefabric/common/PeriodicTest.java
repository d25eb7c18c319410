package dev.computefabric.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    @Test
    void aTurnThatThrowsIsContainedAndTheNextTurnRunsTheTaskAgain() {
        AtomicInteger turns = new AtomicInteger();
        Runnable task = Periodic.surviving("a flaky task", () -> {
            if (turns.incrementAndGet() <= 2) {
                throw new IllegalStateException("broken for now");
            }
        });

        assertThatCode(task::run).doesNotThrowAnyException();
        assertThatCode(task::run).doesNotThrowAnyException();
        task.run();

        assertThat(turns).hasValue(3);
        assertThat(task).hasToString("a flaky task");
    }

    @Test
    void aTimerGoesOnRunningATaskThatThrew() throws InterruptedException {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(NamedThreads.named("periodic-test"));
        CountDownLatch runsAfterTheFailure = new CountDownLatch(3);
        AtomicInteger turns = new AtomicInteger();
        try {
            // Unwrapped, the first turn's exception would cancel the task and the latch would never reach zero.
            timer.scheduleWithFixedDelay(
                    Periodic.surviving("a task that fails once", () -> {
                        if (turns.incrementAndGet() == 1) {
                            throw new IllegalStateException("first turn fails");
                        }
                        runsAfterTheFailure.countDown();
                    }),
                    0,
                    1,
                    TimeUnit.MILLISECONDS);

            assertThat(runsAfterTheFailure.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            timer.shutdownNow();
        }
    }
}
