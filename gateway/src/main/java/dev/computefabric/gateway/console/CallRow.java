package dev.computefabric.gateway.console;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import java.time.Instant;

/**
 * One call as the console's table shows it: what {@code fabric.status} says about it, flattened. {@code seq}
 * orders every change this gateway saw, so that a client merging a page with the change stream keeps the newer.
 *
 * @param gateway   the gateway that accepted the call (from its reply topic), or null for Kafka-native callers
 * @param startedAt when the first attempt started running, if it did
 * @param errorType the error's type once the call failed, timed out or was cancelled
 */
public record CallRow(
        String callId,
        String function,
        CallState state,
        String caller,
        String executorId,
        String capset,
        String gateway,
        Instant submittedAt,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt,
        int attempt,
        Double progress,
        String progressMessage,
        String errorType,
        long seq) {

    /** The row for {@code status}, following {@code previous} (null for a call not seen before). */
    static CallRow of(CallStatus status, CallRow previous, long seq) {
        FuncResult result = status.getResult();
        boolean terminal = Lifecycle.isTerminal(status.getState());
        Instant startedAt = result != null && result.getStartedAt() != null
                ? result.getStartedAt()
                : previous != null && previous.startedAt() != null
                        ? previous.startedAt()
                        : status.getState() == CallState.RUNNING ? status.getUpdatedAt() : null;
        String replyTo = status.getReplyTo();
        String gateway = replyTo != null && replyTo.startsWith(Topics.REPLIES_PREFIX)
                ? replyTo.substring(Topics.REPLIES_PREFIX.length())
                : null;
        return new CallRow(
                status.getCallId(),
                status.getFunction(),
                status.getState(),
                status.getCaller(),
                executorOf(status),
                status.getCapset(),
                gateway,
                status.getSubmittedAt(),
                startedAt,
                result != null ? result.getFinishedAt() : null,
                status.getUpdatedAt(),
                status.getAttempt(),
                terminal ? null : status.getProgress(),
                terminal ? null : status.getProgressMessage(),
                result != null && result.getError() != null ? result.getError().getType() : null,
                seq);
    }

    private static String executorOf(CallStatus status) {
        FuncResult result = status.getResult();
        return result != null && result.getExecutorId() != null ? result.getExecutorId() : status.getExecutorId();
    }

    public boolean isTerminal() {
        return Lifecycle.isTerminal(state);
    }

    /** Waiting for a slot: accepted and not started, or between attempts. */
    boolean isQueued() {
        return state == CallState.ACCEPTED || state == CallState.RETRYING;
    }
}
