package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's call handling: a submission is checked against the function catalog ({@link FunctionChecks}),
 * becomes a {@code FuncCall} ({@link CallFactory}), is accepted onto its topic ({@link AcceptedCalls}), and the
 * request waits for the result if it asked to ({@link ResultWaits}); the replies the router sends to this gateway
 * complete both. A submission the checks refuse is never queued.
 */
public final class FabricCalls implements Calls {

    private static final Logger log = LoggerFactory.getLogger(FabricCalls.class);

    private final FunctionChecks checks;
    private final CallFactory factory;
    private final AcceptedCalls accepted;
    private final ResultWaits waits;
    private final CallGuard guard;

    public FabricCalls(FunctionChecks checks, CallFactory factory, AcceptedCalls accepted, ResultWaits waits) {
        this(checks, factory, accepted, waits, CallGuard.OPEN);
    }

    /** @param guard grants and quotas, checked after the catalog completed the call's capabilities */
    public FabricCalls(
            FunctionChecks checks, CallFactory factory, AcceptedCalls accepted, ResultWaits waits, CallGuard guard) {
        this.checks = checks;
        this.factory = factory;
        this.accepted = accepted;
        this.waits = waits;
        this.guard = guard;
    }

    @Override
    public CompletableFuture<Submitted> submit(CallSubmission submission) {
        if (submission.idempotencyKey() != null) {
            Optional<CallSnapshot> earlier = waits.known(submission.keyedCallId());
            if (earlier.isPresent()) {
                return again(earlier.get(), submission);
            }
        }
        return checks.admit(submission).thenCompose(admission -> {
            CallSubmission admitted = admission.submission();
            CallGuard.Pass pass = guard.admit(admitted);
            CompletableFuture<CallSnapshot> queued;
            try {
                FuncCall call = factory.create(admitted);
                queued = accepted.accept(call, admitted.capset());
            } catch (RuntimeException e) {
                pass.abandoned();
                throw e;
            }
            queued.whenComplete((snapshot, failure) -> {
                if (failure == null) {
                    pass.accepted(snapshot.callId());
                } else {
                    pass.abandoned();
                }
            });
            return waits.afterAcceptance(queued, admitted.waitFor())
                    .thenApply(snapshot -> new Submitted(snapshot, admission.warnings()));
        });
    }

    /**
     * A submission whose idempotency key names a call already accepted (by any gateway): answered for that call,
     * and nothing is published again. A key sent again for another function is a client's mistake, not a retry.
     * Two gateways that both have not seen the call yet may both publish it: the router keeps the first.
     */
    private CompletableFuture<Submitted> again(CallSnapshot earlier, CallSubmission submission) {
        if (!earlier.function().equals(submission.function())) {
            return CompletableFuture.failedFuture(
                    new IdempotencyKeyReusedException(submission.idempotencyKey(), earlier));
        }
        return waits.find(earlier.callId(), submission.waitFor()).thenApply(call -> new Submitted(call, List.of()));
    }

    @Override
    public CompletableFuture<CallSnapshot> find(String callId, Optional<Duration> wait) {
        return waits.find(callId, wait);
    }

    /** A result from this gateway's reply topic. Never throws: a bad reply must not stop the consumer. */
    public void onReply(FuncResult result) {
        String callId = result.getCallId();
        RecentCalls.Completion completion = accepted.complete(result);
        if (completion == RecentCalls.Completion.DUPLICATE) {
            log.info(
                    "dropped another result for call {} ({}): the call is already terminal", callId, result.getState());
            return;
        }
        if (completion == RecentCalls.Completion.UNKNOWN) {
            log.warn(
                    "result for call {} ({}) that this gateway does not remember: accepted before a restart,"
                            + " or forgotten to keep memory bounded",
                    callId,
                    result.getState());
        }
        if (Lifecycle.isTerminal(result.getState())) {
            guard.ended(result);
        }
        if (Lifecycle.isTerminal(result.getState()) && !waits.complete(result)) {
            log.debug("result for call {} arrived with no request waiting for it", callId);
        }
    }
}
