package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.control.CancelRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
    private final RetryPolicy retry;
    private final CancelRegistry cancels;
    private final Clock clock;
    /** Interrupts calls whose deadline passes while they run. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "executor-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** A pool that never retries: each call runs once. */
    public WorkerPool(CallRunner runner, Slots slots, ResultSink results) {
        this(runner, slots, results, RetryPolicy.defaults().withMaxRetries(0));
    }

    public WorkerPool(CallRunner runner, Slots slots, ResultSink results, RetryPolicy retry) {
        this(runner, slots, results, retry, CancelRegistry.defaults(Clock.systemUTC()), Clock.systemUTC());
    }

    /**
     * @param retry how retryable failures are retried, on the same worker and slots, before the call's
     *              result is final
     */
    public WorkerPool(CallRunner runner, Slots slots, ResultSink results, RetryPolicy retry, CancelRegistry cancels,
                      Clock clock) {
        this.retry = retry;
        this.cancels = cancels;
        this.clock = clock;
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
        Interruption interruption = new Interruption(Thread.currentThread());
        ScheduledFuture<?> deadline = null;
        try {
            if (!cancels.running(call.getCallId(), interruption::cancel)) {
                outcome = cancelled(call, cancels.cancelled(call.getCallId()).orElse("cancelled"), null);
            } else {
                deadline = watchDeadline(call, interruption);
                Instant startedAt = clock.instant();
                outcome = interruption.explain(call, runWithRetries(call), startedAt);
            }
        } catch (Throwable e) {
            // CallRunner catches what functions throw; this is an Error such as OutOfMemoryError.
            log.error("call {} ({}) ended the worker with {}", call.getCallId(), call.getFunction(), e.toString(), e);
            outcome = new CallOutcome.Abandoned(call, "worker error: " + e);
        } finally {
            cancels.finished(call.getCallId());
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (interruption.reason() != null) {
                // Our own interrupt ended the call; the thread goes on to publish its result.
                Thread.interrupted();
            }
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

    private CallOutcome cancelled(FuncCall call, String reason, Instant startedAt) {
        return new CallOutcome.Completed(call, Results.cancelled(call, executorId(), reason, startedAt, clock.instant()));
    }

    private String executorId() {
        return runner.executorId();
    }

    private ScheduledFuture<?> watchDeadline(FuncCall call, Interruption interruption) {
        if (call.getTimeoutMs() == null || call.getSubmittedAt() == null) {
            return null;
        }
        long delay = Duration.between(clock.instant(), call.getSubmittedAt().plusMillis(call.getTimeoutMs())).toMillis();
        return deadlines.schedule(interruption::timeout, Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    /** Why a running call was interrupted by us (cancel, deadline), as opposed to a shutdown. */
    private final class Interruption {
        private final Thread worker;
        private final java.util.concurrent.atomic.AtomicReference<String> reason = new java.util.concurrent.atomic.AtomicReference<>();
        private volatile boolean timedOut;

        Interruption(Thread worker) {
            this.worker = worker;
        }

        void cancel(String why) {
            if (reason.compareAndSet(null, why)) {
                worker.interrupt();
            }
        }

        void timeout() {
            if (reason.compareAndSet(null, "the call's deadline passed while it ran")) {
                timedOut = true;
                worker.interrupt();
            }
        }

        String reason() {
            return reason.get();
        }

        /** An abandoned outcome caused by our interrupt becomes CANCELLED or TIMED_OUT. */
        CallOutcome explain(FuncCall call, CallOutcome outcome, Instant startedAt) {
            String why = reason.get();
            if (why == null || !(outcome instanceof CallOutcome.Abandoned)) {
                return outcome;
            }
            return timedOut
                    ? new CallOutcome.Completed(call, Results.timedOut(call, executorId(), why, startedAt, clock.instant()))
                    : cancelled(call, why, startedAt);
        }
    }

    /**
     * Runs the call, and again after a back-off while it fails retryably and retries are left. The slots stay
     * held during the back-off: the call is still this node's, and its record's lock is still being renewed.
     */
    private CallOutcome runWithRetries(FuncCall call) {
        int allowed = retry.maxRetriesFor(call, runner.functionMaxRetries(call));
        FuncCall attempt = call;
        for (int retries = 0; ; retries++) {
            CallOutcome outcome = runner.run(attempt);
            if (!(outcome instanceof CallOutcome.Completed completed) || !retryable(completed.result()) || retries >= allowed) {
                if (retries > 0 && outcome instanceof CallOutcome.Completed done && retryable(done.result())) {
                    log.info("call {} ({}) failed retryably {} times; giving up", call.getCallId(), call.getFunction(), retries + 1);
                }
                return outcome;
            }
            Duration wait = retry.backoff(retries + 1);
            log.info("call {} ({}) attempt {} failed retryably ({}); retry {} of {} in {} ms", call.getCallId(),
                    call.getFunction(), attempt.getAttempt(), completed.result().getError().getMessage(), retries + 1, allowed,
                    wait.toMillis());
            try {
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CallOutcome.Abandoned(call, "interrupted while waiting to retry");
            }
            attempt = FuncCall.newBuilder(attempt).setAttempt(attempt.getAttempt() + 1).build();
        }
    }

    private static boolean retryable(FuncResult result) {
        return result.getState() == dev.computefabric.avro.CallState.FAILED && result.getError() != null
                && result.getError().getRetryable();
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
        deadlines.shutdownNow();
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
