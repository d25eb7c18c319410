package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Holds requests until their call's result arrives or their wait passes ({@code POST} and {@code GET} with a
 * wait), and answers with the call as it then is.
 *
 * <p>Continuations run on the thread that completes them: the producer's I/O thread once the broker acknowledged
 * the call, the reply consumer's thread once its result arrived. They only look the call up; the web layer renders
 * the answer on a servlet thread of its own (Spring dispatches the request again), so a large result delays no
 * other call. A hop to a pool of our own here cost two thread handoffs per call (docs/benchmarks.md).
 */
public final class ResultWaits {

    private final CallLookup lookup;
    private final SecondLook secondLook;
    private final PendingReplies pending;

    /**
     * @param lookup     where calls are found by id: the accepted calls, or a lookup that also asks elsewhere
     * @param secondLook how a call {@code lookup} does not know is looked for again before it is answered unknown
     * @param pending    the requests waiting, by call id
     */
    public ResultWaits(CallLookup lookup, SecondLook secondLook, PendingReplies pending) {
        this.lookup = lookup;
        this.secondLook = secondLook;
        this.pending = pending;
    }

    /** Looks once: the lookup is all there is. */
    public ResultWaits(CallLookup lookup, PendingReplies pending) {
        this(lookup, SecondLook.NONE, pending);
    }

    /** Once {@code accepted} completes: the call, after waiting up to {@code wait} for its result. */
    public CompletableFuture<CallSnapshot> afterAcceptance(
            CompletableFuture<CallSnapshot> accepted, Optional<Duration> wait) {
        return accepted.thenCompose(call -> await(call, wait));
    }

    /**
     * The call {@code callId}, after waiting up to {@code wait} for its result. Fails with {@link
     * CallNotFoundException} when it is unknown here, also at a second look.
     */
    public CompletableFuture<CallSnapshot> find(String callId, Optional<Duration> wait) {
        return secondLook.require(callId, lookup::find).thenCompose(known -> await(known, wait));
    }

    /** The call {@code callId} as this gateway knows it, if it does. */
    public Optional<CallSnapshot> known(String callId) {
        return lookup.find(callId);
    }

    /** Completes every request waiting for {@code result}'s call; false when none was. */
    public boolean complete(FuncResult result) {
        return pending.complete(result);
    }

    private CompletableFuture<CallSnapshot> await(CallSnapshot known, Optional<Duration> wait) {
        if (known.isTerminal() || wait.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        String callId = known.callId();
        CompletableFuture<Optional<FuncResult>> reply = pending.await(callId, wait.get());
        // A result recorded after the lookup that produced `known` but before await() completed nobody: deliver it.
        lookup.find(callId)
                .filter(CallSnapshot::isTerminal)
                .map(CallSnapshot::result)
                .filter(Objects::nonNull)
                .ifPresent(pending::complete);
        return reply.thenApply(result -> {
            CallSnapshot current = lookup.find(callId).orElse(known);
            return result.isPresent() && !current.isTerminal() ? current.with(result.get()) : current;
        });
    }
}
