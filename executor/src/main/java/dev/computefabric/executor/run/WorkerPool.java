package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.common.NamedThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads. Each call runs under the {@link CallSupervisor}, followed on the same thread and slots by
 * the next step it may carry ({@link SameNodeShortcut}); its slots are released as soon as that returns, then the
 * call settles with its dispatcher ({@link Settlement}), exactly once.
 *
 * <p>The dispatcher acquires the slots before {@link #start}, on its own thread, so it never starts more
 * than fit; one thread per slot is therefore always enough.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    /** How long {@link #close} waits for interrupted calls to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Slots slots;
    private final CallSupervisor supervisor;
    private final ResultSink results;
    private final SameNodeShortcut shortcut;
    private final ExecutorService threads;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WorkerPool(Slots slots, CallSupervisor supervisor, ResultSink results) {
        this.slots = slots;
        this.supervisor = supervisor;
        this.results = results;
        this.shortcut = new SameNodeShortcut(supervisor, results);
        // Daemon threads: a function that ignores interrupts must not keep the JVM alive after shutdown.
        this.threads = Executors.newFixedThreadPool(slots.capacity(), NamedThreads.numbered("executor-worker"));
    }

    /**
     * Runs {@code call}, whose {@code call.getSlots()} slots the caller has acquired. {@code onSettled} runs
     * once, on a worker or producer thread, so it must be quick and thread-safe.
     */
    public void start(FuncCall call, Consumer<Settlement> onSettled) {
        inFlight.incrementAndGet();
        CallTask task = new CallTask(call, onSettled);
        try {
            threads.execute(task);
        } catch (RuntimeException e) {
            task.abandon("worker pool is shut down");
        }
    }

    /** Calls started and not yet settled: running, or waiting for the broker to take their result. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Interrupts every running call; each settles as abandoned and runs again elsewhere. */
    public void abandonRunning() {
        // A call handed over but not yet picked up by a thread is returned here, not run: settle it too.
        for (Runnable queued : threads.shutdownNow()) {
            ((CallTask) queued).abandon("executor stopped before the call started");
        }
    }

    /** One call on its way through a worker thread. */
    private final class CallTask implements Runnable {

        private final FuncCall call;
        private final Consumer<Settlement> onSettled;

        CallTask(FuncCall call, Consumer<Settlement> onSettled) {
            this.call = call;
            this.onSettled = onSettled;
        }

        @Override
        public void run() {
            CompletableFuture<Settlement> settled;
            try {
                settled = settlementOf(supervisor.run(call));
            } finally {
                slots.release(call.getSlots());
            }
            settled.thenAccept(this::settle);
        }

        private CompletableFuture<Settlement> settlementOf(CallOutcome outcome) {
            if (SameNodeShortcut.follows(outcome)) {
                return shortcut.run((CallOutcome.Completed) outcome);
            }
            if (outcome instanceof CallOutcome.Completed completed) {
                // Tables are kept only for a next step; none runs, so nothing may stay behind.
                completed.releaseKept();
            }
            return Settlement.of(outcome, results);
        }

        void abandon(String reason) {
            slots.release(call.getSlots());
            settle(new Settlement.Abandoned(call, reason));
        }

        private void settle(Settlement settlement) {
            try {
                onSettled.accept(settlement);
            } catch (RuntimeException e) {
                log.error("settling call {} failed", call.getCallId(), e);
            } finally {
                // Only now: a drain that sees no call in flight must not miss a settlement still to come.
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        supervisor.close();
        abandonRunning();
        try {
            if (!threads.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("worker threads still running {} after shutdown; a function ignores interrupts", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
