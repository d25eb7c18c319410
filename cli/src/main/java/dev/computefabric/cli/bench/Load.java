package dev.computefabric.cli.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Drives round trips: one after the other (latency), or closed-loop with a fixed number in flight
 * (throughput). A round trip is any asynchronous operation; the caller decides what it does.
 */
final class Load {

    private Load() {
    }

    /** Runs {@code calls} round trips one at a time and records each. */
    static Latencies.Summary sequential(int calls, Supplier<CompletableFuture<?>> roundTrip) {
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long sent = System.nanoTime();
            roundTrip.get().join();
            latencies.record(System.nanoTime() - sent);
        }
        return latencies.summarize((System.nanoTime() - start) / 1e9);
    }

    /** Runs {@code calls} round trips keeping {@code inFlight} outstanding until all are done. */
    static Latencies.Summary closedLoop(int calls, int inFlight, Supplier<CompletableFuture<?>> roundTrip) {
        Latencies latencies = new Latencies();
        AtomicLong remaining = new AtomicLong(calls);
        long start = System.nanoTime();
        CompletableFuture<?>[] lanes = new CompletableFuture<?>[Math.min(inFlight, calls)];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = lane(remaining, latencies, roundTrip);
        }
        CompletableFuture.allOf(lanes).join();
        return latencies.summarize((System.nanoTime() - start) / 1e9);
    }

    // One lane issues its next round trip when the previous one completes, until the budget is spent.
    private static CompletableFuture<Void> lane(AtomicLong remaining, Latencies latencies, Supplier<CompletableFuture<?>> roundTrip) {
        if (remaining.getAndDecrement() <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        long sent = System.nanoTime();
        return roundTrip.get().thenCompose(done -> {
            latencies.record(System.nanoTime() - sent);
            return lane(remaining, latencies, roundTrip);
        });
    }
}
