package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void closedLoopRunsEveryCallAndNeverMoreThanTheLimitAtOnce() {
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        Queue<CompletableFuture<Void>> open = new ArrayDeque<>();
        AtomicInteger issued = new AtomicInteger();

        CompletableFuture<Latencies> run = CompletableFuture.supplyAsync(() -> Load.closedLoop(100, 8, () -> {
            issued.incrementAndGet();
            highWater.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            CompletableFuture<Void> call = new CompletableFuture<>();
            synchronized (open) {
                open.add(call);
            }
            return call.whenComplete((r, e) -> outstanding.decrementAndGet());
        }));
        // Once every lane has issued its first call, complete calls one at a time, the way replies arrive.
        while (issued.get() < 8) {
            Thread.onSpinWait();
        }
        while (!run.isDone()) {
            CompletableFuture<Void> next;
            synchronized (open) {
                next = open.poll();
            }
            if (next != null) {
                next.complete(null);
            } else {
                Thread.onSpinWait();
            }
        }

        assertThat(run.join().summarize().calls()).isEqualTo(100);
        assertThat(issued).hasValue(100);
        assertThat(highWater.get()).isEqualTo(8);
    }

    @Test
    void closedLoopOfInstantRoundTripsDoesNotGrowTheStack() {
        Latencies run = Load.closedLoop(200_000, 2, () -> CompletableFuture.completedFuture(null));

        assertThat(run.summarize().calls()).isEqualTo(200_000);
    }

    @Test
    void aFailedRoundTripFailsTheRun() {
        AtomicInteger issued = new AtomicInteger();

        assertThatThrownBy(() -> Load.closedLoop(
                        100,
                        4,
                        () -> issued.incrementAndGet() == 10
                                ? CompletableFuture.failedFuture(new IllegalStateException("call did not finish"))
                                : CompletableFuture.completedFuture(null)))
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("call did not finish");
        assertThat(issued.get()).isLessThan(100);
    }

    @Test
    void sequentialRecordsOneLatencyPerCall() {
        Latencies.Summary summary = Load.sequential(10, () -> CompletableFuture.completedFuture(null))
                .summarize();

        assertThat(summary.calls()).isEqualTo(10);
        assertThat(summary.p50Ms()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void openLoopSendsEachCallWhenItIsDue() {
        ManualPacer pacer = new ManualPacer();
        List<Long> sentAt = new ArrayList<>();

        Latencies run = Load.openLoop(
                5,
                100,
                10,
                () -> {
                    sentAt.add(pacer.now);
                    return CompletableFuture.completedFuture(null);
                },
                pacer);

        assertThat(sentAt).containsExactly(0L, 10_000_000L, 20_000_000L, 30_000_000L, 40_000_000L);
        assertThat(run.summarize().calls()).isEqualTo(5);
        assertThat(Load.dueNanos(3, 1_000)).isEqualTo(3_000_000L);
    }

    @Test
    void openLoopCountsTheSendersStallAsLatencyOfTheCallsThatWereDue() {
        // 100 calls/s: one due every 10 ms. The first send stalls the sender for 100 ms; calls 2..10 were due
        // meanwhile and go out late, each answered at once. Their latency counts from when they were due.
        ManualPacer pacer = new ManualPacer();
        AtomicInteger sends = new AtomicInteger();

        Latencies run = Load.openLoop(
                10,
                100,
                100,
                () -> {
                    if (sends.getAndIncrement() == 0) {
                        pacer.now += 100_000_000L;
                    }
                    return CompletableFuture.completedFuture(null);
                },
                pacer);

        Latencies.Summary summary = run.summarize();
        // Latencies 100, 90, 80 ... 10 ms: the median is 50-60 ms, not the ~0 a closed loop would report.
        assertThat(summary.p50Ms()).isBetween(49.0, 61.0);
        assertThat(summary.p999Ms()).isBetween(99.0, 101.0);
    }

    @Test
    void openLoopNeverHasMoreOutstandingThanItsLimit() {
        ManualPacer pacer = new ManualPacer();
        Queue<CompletableFuture<Void>> open = new ArrayDeque<>();
        AtomicInteger highWater = new AtomicInteger();
        AtomicInteger outstanding = new AtomicInteger();

        CompletableFuture<Latencies> run = CompletableFuture.supplyAsync(() -> Load.openLoop(
                50,
                1_000,
                3,
                () -> {
                    highWater.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                    CompletableFuture<Void> call = new CompletableFuture<>();
                    synchronized (open) {
                        open.add(call);
                    }
                    return call;
                },
                pacer));
        while (!run.isDone()) {
            CompletableFuture<Void> next;
            synchronized (open) {
                next = open.poll();
            }
            if (next != null) {
                outstanding.decrementAndGet();
                next.complete(null);
            } else {
                Thread.onSpinWait();
            }
        }

        assertThat(run.join().summarize().calls()).isEqualTo(50);
        assertThat(highWater.get()).isLessThanOrEqualTo(3);
    }

    /** Time that only moves when the loop waits for the next send, or when a test moves it. */
    private static final class ManualPacer implements Pacer {
        volatile long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void awaitNanos(long deadlineNanos) {
            if (deadlineNanos > now) {
                now = deadlineNanos;
            }
        }
    }
}
