package dev.computefabric.bench;

import java.time.Duration;
import java.util.Collection;

/**
 * Warms the fabric and its floor until the JIT compilers are done, so that a run measures what a call costs a
 * fabric that has been up for a while, not the compiling of its code. Measured on two cores (4 December): with
 * a fixed warm-up of 2,000 calls the broker's C2 compiler still took half of the broker's CPU through the
 * 20,000 measured calls, and the fabric ran 969 calls/s at 2.04 ms of CPU per call; warmed with 50,000 it ran
 * 3,025 at 0.61 ms. Rounds repeat until the compilers take at most {@value #SETTLED_SHARE} of all the CPU of
 * a round, or until {@link #CAP}.
 */
final class Warmup {

    /** The compilers' share of a round's CPU below which the fabric counts as warm. */
    static final double SETTLED_SHARE = 0.05;
    /** A fabric whose compilers are still busy after this is measured as it is. */
    static final Duration CAP = Duration.ofSeconds(180);

    /**
     * @param rounds        warm-up rounds run
     * @param seconds       how long they took
     * @param compilerShare the compilers' share of the last round's CPU
     */
    record Outcome(int rounds, double seconds, double compilerShare) {}

    private Warmup() {}

    /** Runs {@code round} at least once, and again until the compilers of {@code pids} (and this JVM) settle. */
    static Outcome untilSettled(Collection<Long> pids, Runnable round) {
        JitMeter meter = new JitMeter(pids);
        long start = System.nanoTime();
        long deadline = start + CAP.toNanos();
        int rounds = 0;
        double share;
        do {
            JitMeter.Reading before = meter.read();
            round.run();
            rounds++;
            share = meter.read().minus(before).compilerShare();
        } while (share > SETTLED_SHARE && System.nanoTime() < deadline);
        return new Outcome(rounds, (System.nanoTime() - start) / 1e9, share);
    }
}
