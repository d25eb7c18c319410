package dev.computefabric.executor.script;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits for a script's process and, when the call is interrupted (cancel, deadline, shutdown), stops its whole
 * tree: SIGTERM to every descendant and the process, SIGKILL to whatever is left after a grace period. A process
 * that daemonizes itself (double fork, new session) leaves the tree and is not found.
 */
public final class ProcessTree {

    public static final long TERMINATE_GRACE_MS = 2_000;
    /** How often progress and output are looked at while the process runs. */
    public static final long POLL_MS = 200;

    private ProcessTree() {}

    /** Waits for {@code process}, running {@code whileRunning} every {@link #POLL_MS}; returns its exit code. */
    public static int runToEnd(Process process, Runnable whileRunning) throws InterruptedException {
        try {
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                whileRunning.run();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    /** SIGTERM to the process and its descendants, SIGKILL to whatever still runs after the grace period. */
    public static void stop(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MS);
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                // Not interruptible here: the thread's interrupt is what brought us; the grace is bounded.
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }
}
