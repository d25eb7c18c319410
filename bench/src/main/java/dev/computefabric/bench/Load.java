package dev.computefabric.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Drives round trips: one after the other (latency), closed loop with a fixed number in flight
 * (throughput), or open loop at a fixed rate. A round trip is any asynchronous operation; the caller
 * decides what it does. The first failed round trip fails the run.
 */
final class Load {

    private Load() {}

    /** Runs {@code calls} round trips one at a time and records each. */
    static Latencies sequential(int calls, Supplier<? extends CompletableFuture<?>> roundTrip) {
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long sent = System.nanoTime();
            roundTrip.get().join();
            latencies.record(System.nanoTime() - sent);
        }
        latencies.addSeconds((System.nanoTime() - start) / 1e9);
        return latencies;
    }

    /** Runs {@code calls} round trips keeping {@code inFlight} outstanding until all are done. */
    static Latencies closedLoop(int calls, int inFlight, Supplier<? extends CompletableFuture<?>> roundTrip) {
        Latencies latencies = new Latencies();
        Progress progress = new Progress(calls);
        long start = System.nanoTime();
        for (int lane = 0; lane < Math.min(inFlight, calls); lane++) {
            nextInLane(progress, latencies, roundTrip);
        }
        progress.finished.join();
        latencies.addSeconds((System.nanoTime() - start) / 1e9);
        return latencies;
    }

    /**
     * Starts round trip {@code i} at {@code start + i / rate} whether or not earlier ones returned, at most
     * {@code maxOutstanding} at once, and measures each from the time it was due, not from when it was sent:
     * a stalled system delays the sends, and that delay is part of the latency (no coordinated omission).
     */
    static Latencies openLoop(
            int calls,
            double ratePerSecond,
            int maxOutstanding,
            Supplier<? extends CompletableFuture<?>> roundTrip,
            Pacer pacer) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        Latencies latencies = new Latencies();
        Progress progress = new Progress(calls);
        Semaphore outstanding = new Semaphore(maxOutstanding);
        long start = pacer.nanoTime();
        for (int i = 0; i < calls && !progress.finished.isDone(); i++) {
            long due = start + dueNanos(i, ratePerSecond);
            pacer.awaitNanos(due);
            outstanding.acquireUninterruptibly();
            issue(roundTrip).whenComplete((ok, failure) -> {
                latencies.record(pacer.nanoTime() - due);
                outstanding.release();
                progress.done(failure);
            });
        }
        progress.finished.join();
        latencies.addSeconds((pacer.nanoTime() - start) / 1e9);
        return latencies;
    }

    /** When the {@code i}-th round trip of an open loop at {@code ratePerSecond} is due, after the start. */
    static long dueNanos(int i, double ratePerSecond) {
        return Math.round(i * (1e9 / ratePerSecond));
    }

    // A lane issues its next round trip when the previous one completes; a loop, not recursion, when they
    // complete at once, so a fast round trip cannot grow the stack.
    private static void nextInLane(
            Progress progress, Latencies latencies, Supplier<? extends CompletableFuture<?>> roundTrip) {
        while (progress.take()) {
            long sent = System.nanoTime();
            CompletableFuture<?> call = issue(roundTrip);
            if (!call.isDone()) {
                call.whenComplete((ok, failure) -> {
                    latencies.record(System.nanoTime() - sent);
                    if (progress.done(failure)) {
                        nextInLane(progress, latencies, roundTrip);
                    }
                });
                return;
            }
            latencies.record(System.nanoTime() - sent);
            if (!progress.done(call.handle((ok, failure) -> failure).join())) {
                return;
            }
        }
    }

    private static CompletableFuture<?> issue(Supplier<? extends CompletableFuture<?>> roundTrip) {
        try {
            return roundTrip.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** How many round trips are left to start and to finish; completes {@link #finished} at the end or the first failure. */
    private static final class Progress {
        private final AtomicLong toStart;
        private final AtomicLong toFinish;
        final CompletableFuture<Void> finished = new CompletableFuture<>();

        Progress(long calls) {
            this.toStart = new AtomicLong(calls);
            this.toFinish = new AtomicLong(calls);
            if (calls <= 0) {
                finished.complete(null);
            }
        }

        boolean take() {
            return !finished.isDone() && toStart.getAndDecrement() > 0;
        }

        /** Counts one round trip done; false once the run has failed. */
        boolean done(Throwable failure) {
            if (failure != null) {
                finished.completeExceptionally(failure);
                return false;
            }
            if (toFinish.decrementAndGet() == 0) {
                finished.complete(null);
            }
            return !finished.isDone() || !finished.isCompletedExceptionally();
        }
    }
}
