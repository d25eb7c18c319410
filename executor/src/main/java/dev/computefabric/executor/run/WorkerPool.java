package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads. Runs each call with {@link CallRunner}, releases its slots as soon as the function
 * returns, publishes the result, and then settles the call with its dispatcher, exactly once.
 *
 * <p>The dispatcher acquires the slots before {@link #start}, on its own thread, so it never starts more
 * than fit; one thread per slot is therefore always enough.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final CallRunner runner;
    private final Slots slots;
    private final ResultSink results;
    private final ExecutorService threads;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WorkerPool(CallRunner runner, Slots slots, ResultSink results) {
        this.runner = runner;
        this.slots = slots;
        this.results = results;
        this.threads = Executors.newFixedThreadPool(slots.capacity(), workerThreads());
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
            WorkerPool.this.run(call, onSettled);
        }

        void abandon(String reason) {
            slots.release(call.getSlots());
            settle(onSettled, new Settlement.Abandoned(call, reason));
        }
    }

    private void run(FuncCall call, Consumer<Settlement> onSettled) {
        CallOutcome outcome;
        try {
            outcome = runner.run(call);
        } catch (Throwable e) {
            // CallRunner catches what functions throw; this is an Error such as OutOfMemoryError.
            log.error("call {} ({}) ended the worker with {}", call.getCallId(), call.getFunction(), e.toString(), e);
            outcome = new CallOutcome.Abandoned(call, "worker error: " + e);
        } finally {
            slots.release(call.getSlots());
        }
        if (outcome instanceof CallOutcome.Completed completed) {
            publish(completed.result()).whenComplete((ok, error) -> settle(onSettled, error == null
                    ? new Settlement.Published(call, completed.result())
                    : new Settlement.Unpublished(call, completed.result(), error)));
        } else {
            settle(onSettled, new Settlement.Abandoned(call, ((CallOutcome.Abandoned) outcome).reason()));
        }
    }

    private CompletableFuture<Void> publish(FuncResult result) {
        try {
            return results.publish(result);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void settle(Consumer<Settlement> onSettled, Settlement settlement) {
        try {
            onSettled.accept(settlement);
        } catch (RuntimeException e) {
            log.error("settling call {} failed", settlement.call().getCallId(), e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        abandonRunning();
        awaitTermination(Duration.ofSeconds(5));
    }

    private void awaitTermination(Duration bound) {
        try {
            if (!threads.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("worker threads still running {} after shutdown; a function ignores interrupts", bound);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "executor-worker-" + count.incrementAndGet());
            // A function that ignores interrupts must not keep the JVM alive after shutdown.
            thread.setDaemon(true);
            return thread;
        };
    }
}
