package dev.computefabric.executor.run;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call, and again after a back-off while it fails retryably and retries are left; each attempt is
 * numbered in {@code FuncCall.attempt}, so the result says which one it came from. Runs on the worker
 * thread and keeps the call's slots during the back-off: the call is still this node's, and its record's
 * lock is still being renewed.
 */
public final class RetryingRunner {

    private static final Logger log = LoggerFactory.getLogger(RetryingRunner.class);

    private final CallRunner runner;
    private final RetryPolicy policy;

    public RetryingRunner(CallRunner runner, RetryPolicy policy) {
        this.runner = runner;
        this.policy = policy;
    }

    String executorId() {
        return runner.executorId();
    }

    CallOutcome run(FuncCall call) {
        int allowed = policy.maxRetriesFor(call, runner.functionMaxRetries(call));
        FuncCall attempt = call;
        for (int retries = 0; ; retries++) {
            CallOutcome outcome = runner.run(attempt);
            if (!(outcome instanceof CallOutcome.Completed completed) || !retryable(completed.result())) {
                return outcome;
            }
            if (retries >= allowed) {
                if (retries > 0) {
                    log.info(
                            "call {} ({}) failed retryably {} times; giving up",
                            call.getCallId(),
                            call.getFunction(),
                            retries + 1);
                }
                return outcome;
            }
            Duration wait = policy.backoff(retries + 1);
            log.info(
                    "call {} ({}) attempt {} failed retryably ({}); retry {} of {} in {} ms",
                    call.getCallId(),
                    call.getFunction(),
                    attempt.getAttempt(),
                    completed.result().getError().getMessage(),
                    retries + 1,
                    allowed,
                    wait.toMillis());
            try {
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CallOutcome.Abandoned(call, "interrupted while waiting to retry");
            }
            attempt = FuncCall.newBuilder(attempt)
                    .setAttempt(attempt.getAttempt() + 1)
                    .build();
        }
    }

    private static boolean retryable(FuncResult result) {
        return result.getState() == CallState.FAILED
                && result.getError() != null
                && result.getError().getRetryable();
    }
}
