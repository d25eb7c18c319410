package dev.computefabric.bench;

import java.util.concurrent.locks.LockSupport;

/** The open loop's time: when now is, and waiting until a send is due. Tests move it by hand. */
interface Pacer {

    long nanoTime();

    /** Returns at or after {@code deadlineNanos} (in {@link #nanoTime()}'s terms). */
    void awaitNanos(long deadlineNanos);

    /** The JVM's monotonic clock; parks until shortly before the deadline, then spins to it. */
    Pacer SYSTEM = new Pacer() {
        private static final long SPIN_NANOS = 50_000;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void awaitNanos(long deadlineNanos) {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                if (left > SPIN_NANOS) {
                    LockSupport.parkNanos(left - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    };
}
