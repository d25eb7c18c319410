package dev.computefabric.gateway.calls;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Lifecycle;
import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway knows about one call at one moment. Shaped like the router's {@code CallStatus}, so a
 * lookup backed by the {@code fabric.status} topic can produce the same thing.
 *
 * @param result    the call's outcome once it is terminal, else null
 * @param progress  how far the running function said it got, or null
 * @param partition the partition the router read the call from ({@code CallStatus.partition}); null when this
 *                  gateway wrote the call itself (the call id's hash placed it) or the status does not say
 */
public record CallSnapshot(
        String callId,
        String function,
        CallState state,
        Instant submittedAt,
        String executorId,
        FuncResult result,
        Progress progress,
        Integer partition) {

    /** The latest progress a running function reported: 0.0 to 1.0, and a message or null. */
    public record Progress(double fraction, String message) {}

    public CallSnapshot {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    /** A call the broker has just acknowledged. */
    public static CallSnapshot accepted(FuncCall call) {
        return new CallSnapshot(
                call.getCallId(),
                call.getFunction(),
                CallState.ACCEPTED,
                call.getSubmittedAt(),
                null,
                null,
                null,
                null);
    }

    /** A call as the router's {@code fabric.status} describes it. */
    public static CallSnapshot of(CallStatus status) {
        Progress progress = status.getProgress() == null || Lifecycle.isTerminal(status.getState())
                ? null
                : new Progress(status.getProgress(), status.getProgressMessage());
        return new CallSnapshot(
                status.getCallId(),
                status.getFunction(),
                status.getState(),
                status.getSubmittedAt(),
                status.getExecutorId(),
                status.getResult(),
                progress,
                status.getPartition());
    }

    /** This call as {@code result} leaves it. */
    public CallSnapshot with(FuncResult result) {
        return new CallSnapshot(
                callId,
                function,
                result.getState(),
                submittedAt,
                result.getExecutorId() != null ? result.getExecutorId() : executorId,
                result,
                null,
                partition);
    }

    public boolean isTerminal() {
        return Lifecycle.isTerminal(state);
    }
}
