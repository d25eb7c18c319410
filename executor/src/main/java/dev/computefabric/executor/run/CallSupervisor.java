package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.control.CancelRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call on the current worker thread under the node's control. A call cancelled before it starts is
 * answered CANCELLED without running; a CANCEL or its passing deadline interrupts it while it runs, and the
 * outcome that interrupt caused is answered CANCELLED or TIMED_OUT instead of being abandoned. Whatever
 * happens, it returns an outcome.
 */
public final class CallSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallSupervisor.class);

    private final RetryingRunner runner;
    private final CancelRegistry cancels;
    private final Clock clock;
    private final Deadlines deadlines;

    public CallSupervisor(RetryingRunner runner, CancelRegistry cancels, Clock clock) {
        this.runner = runner;
        this.cancels = cancels;
        this.clock = clock;
        this.deadlines = new Deadlines(clock);
    }

    public CallOutcome run(FuncCall call) {
        Interruption interruption = new Interruption(Thread.currentThread());
        try {
            if (!cancels.running(call.getCallId(), interruption::cancel)) {
                return cancelled(call, cancels.cancelled(call.getCallId()).orElse("cancelled"), null);
            }
            try (Deadlines.Watch deadline = deadlines.watch(call, interruption::timeout)) {
                Instant startedAt = clock.instant();
                return explain(call, runner.run(call), interruption.cause(), startedAt);
            }
        } catch (Throwable e) {
            // CallRunner catches what functions throw; this is an Error such as OutOfMemoryError.
            log.error("call {} ({}) ended the worker with {}", call.getCallId(), call.getFunction(), e.toString(), e);
            return new CallOutcome.Abandoned(call, "worker error: " + e);
        } finally {
            cancels.finished(call.getCallId());
            interruption.clearOwnInterrupt();
        }
    }

    String executorId() {
        return runner.executorId();
    }

    Clock clock() {
        return clock;
    }

    /** An abandoned outcome caused by the node's own interrupt becomes CANCELLED or TIMED_OUT. */
    private CallOutcome explain(FuncCall call, CallOutcome outcome, Interruption.Cause cause, Instant startedAt) {
        if (cause == null || !(outcome instanceof CallOutcome.Abandoned)) {
            return outcome;
        }
        return cause.timedOut()
                ? new CallOutcome.Completed(
                        call, Results.timedOut(call, runner.executorId(), cause.reason(), startedAt, clock.instant()))
                : cancelled(call, cause.reason(), startedAt);
    }

    private CallOutcome cancelled(FuncCall call, String reason, Instant startedAt) {
        return new CallOutcome.Completed(
                call, Results.cancelled(call, runner.executorId(), reason, startedAt, clock.instant()));
    }

    /** Stops the deadline timer; calls still running are no longer timed out. */
    @Override
    public void close() {
        deadlines.close();
    }
}
