package dev.computefabric.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void closedLoopRunsEveryCallAndNeverMoreThanTheLimitAtOnce() {
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        Queue<CompletableFuture<Void>> open = new ArrayDeque<>();
        AtomicInteger issued = new AtomicInteger();

        CompletableFuture<Latencies.Summary> run = CompletableFuture.supplyAsync(() -> Load.closedLoop(100, 8, () -> {
            issued.incrementAndGet();
            highWater.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            CompletableFuture<Void> call = new CompletableFuture<>();
            synchronized (open) {
                open.add(call);
            }
            return call.whenComplete((r, e) -> outstanding.decrementAndGet());
        }));
        // Complete calls one at a time, the way replies arrive, until the run ends.
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

        assertThat(run.join().calls()).isEqualTo(100);
        assertThat(issued).hasValue(100);
        assertThat(highWater.get()).isEqualTo(8);
    }

    @Test
    void sequentialRecordsOneLatencyPerCall() {
        Latencies.Summary summary = Load.sequential(10, () -> CompletableFuture.completedFuture(null));
        assertThat(summary.calls()).isEqualTo(10);
        assertThat(summary.p50Ms()).isGreaterThanOrEqualTo(0.0);
    }
}
