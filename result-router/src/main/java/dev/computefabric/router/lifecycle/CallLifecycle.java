package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.ErrorTypes;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's decisions: given what is known about a call and one new fact (the call, an event, a result, a
 * cancel), what to store, publish and forward; and the result the router sends itself when a call's deadline passes.
 * Pure functions, no Kafka, so every rule is a unit test.
 *
 * <p>The facts arrive on separate topics, so any order is possible: a result or a cancel can overtake its
 * call (the router lags on the capability topic) and an executor can redeliver a result. Completion is
 * exactly-once per call id: the first terminal result wins, later ones are dropped (for a call the result cache or
 * a pipeline follows, a later run's end sends them the first end again: {@link Decision.Verdict#REMIND}).
 *
 * <p>Timestamps come from the facts themselves ({@code submittedAt}, {@code at}, {@code finishedAt}, the
 * deadline), not from the router's clock, so a replayed input produces the same status.
 */
public final class CallLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallLifecycle.class);

    /**
     * Arguments up to this length ride on every status, so that whoever follows {@code fabric.status} (the console's
     * call detail on any gateway) can show them; longer ones would bloat every status record of the call.
     */
    public static final int MAX_STATUS_ARGS_CHARS = 16 * 1024;

    private CallLifecycle() {}

    /**
     * A {@link FuncCall} read from {@code partition} of {@code sourceTopic}: its capability topic, or the cache's
     * accepted calls. The status records the partition: the call's results and events arrive on that partition
     * number of their topics, and a cancel must be sent there too.
     */
    public static Decision onCall(Known known, FuncCall call, String sourceTopic, int partition) {
        CallStatus status = known.status();
        if (status != null) {
            if (known.earlyResult() != null
                    && heldResult(known.earlyResult(), call).equals(status.getResult())) {
                // The call that its held result ended, read again after a restart: that end may never have reached
                // Kafka, and no other record would send it.
                return Decision.repeat(status, replyFor(status, status.getResult()));
            }
            // A redelivered or retried call: the lifecycle record already follows it.
            return Decision.ignore("call already known in state " + status.getState());
        }
        CallStatus accepted = CallStatus.newBuilder()
                .setCallId(call.getCallId())
                .setFunction(call.getFunction())
                .setState(CallState.ACCEPTED)
                .setCapset(Topics.CACHE_ACCEPTED.equals(sourceTopic) ? capsetOf(call) : capsetName(sourceTopic))
                .setReplyTo(call.getReplyTo())
                .setSubmittedAt(call.getSubmittedAt())
                .setUpdatedAt(call.getSubmittedAt())
                .setAttempt(call.getAttempt())
                .setCacheKey(call.getCacheKey())
                .setCaller(call.getCaller())
                .setArgs(call.getArgs().length() <= MAX_STATUS_ARGS_CHARS ? call.getArgs() : null)
                .setPartition(partition)
                .setPipelineId(call.getPipelineId())
                .build();
        FuncResult early = known.earlyResult();
        return early == null ? Decision.apply(accepted, null) : complete(accepted, heldResult(early, call));
    }

    /** A result held for {@code call} as it ends the call: a cancel that overtook its call did not know its function. */
    private static FuncResult heldResult(FuncResult early, FuncCall call) {
        return early.getFunction().isEmpty()
                ? FuncResult.newBuilder(early).setFunction(call.getFunction()).build()
                : early;
    }

    /**
     * A {@link CallEvent}: STARTED moves the call to RUNNING, PROGRESS records how far it got (for everyone who
     * follows {@code fabric.status}), the other events carry nothing the status keeps.
     */
    public static Decision onEvent(Known known, CallEvent event) {
        CallStatus status = known.status();
        if (event.getType() == CallEventType.PROGRESS) {
            return onProgress(status, event);
        }
        if (event.getType() != CallEventType.STARTED) {
            return Decision.ignore(event.getType() + " carries no state change");
        }
        if (status == null) {
            return Decision.ignore("STARTED before its call; the call's result will still complete it");
        }
        if (Lifecycle.isTerminal(status.getState())) {
            return Decision.ignore("STARTED after the call ended as " + status.getState());
        }
        boolean newAttempt = event.getAttempt() > status.getAttempt();
        if (!Lifecycle.advances(status.getState(), CallState.RUNNING) && !newAttempt) {
            return Decision.ignore("already RUNNING attempt " + status.getAttempt());
        }
        return Decision.apply(
                CallStatus.newBuilder(status)
                        .setState(CallState.RUNNING)
                        .setExecutorId(event.getExecutorId())
                        .setAttempt(Math.max(event.getAttempt(), status.getAttempt()))
                        .setUpdatedAt(event.getAt())
                        .build(),
                null);
    }

    private static Decision onProgress(CallStatus status, CallEvent event) {
        if (status == null || Lifecycle.isTerminal(status.getState())) {
            return Decision.ignore("PROGRESS for a call that is " + (status == null ? "unknown" : status.getState()));
        }
        if (event.getAttempt() < status.getAttempt()) {
            return Decision.ignore(
                    "PROGRESS of attempt " + event.getAttempt() + ", the call is on attempt " + status.getAttempt());
        }
        if (event.getAt().isBefore(status.getUpdatedAt())) {
            return Decision.ignore("PROGRESS older than the call's last update");
        }
        Double fraction = event.getProgress() == null ? null : Math.max(0.0, Math.min(1.0, event.getProgress()));
        // Progress means the call runs, also when it overtook its STARTED event.
        return Decision.apply(
                CallStatus.newBuilder(status)
                        .setState(CallState.RUNNING)
                        .setExecutorId(event.getExecutorId())
                        .setAttempt(event.getAttempt())
                        .setProgress(fraction)
                        .setProgressMessage(event.getMessage())
                        .setUpdatedAt(event.getAt())
                        .build(),
                null);
    }

    /** A {@link FuncResult}: a terminal one completes the call, RETRYING/RUNNING only move its state. */
    public static Decision onResult(Known known, FuncResult result) {
        CallStatus status = known.status();
        CallState target = result.getState();
        boolean terminal = Lifecycle.isTerminal(target);
        if (status == null) {
            if (!terminal) {
                return Decision.ignore(target + " result before its call");
            }
            return known.earlyResult() == null
                    ? Decision.park(result)
                    : Decision.drop("second " + target + " result before its call; the first one is held");
        }
        if (Lifecycle.isTerminal(status.getState())) {
            if (result.equals(status.getResult())) {
                return Decision.repeat(status, replyFor(status, result));
            }
            String late = target + " result for a call that already ended as " + status.getState();
            boolean followed = status.getCacheKey() != null || status.getPipelineId() != null;
            // A run's own end, not the cache's copy of another call's: only a run can have been started again.
            return terminal && followed && result.getCachedFrom() == null
                    ? Decision.remind(status, late)
                    : Decision.drop(late);
        }
        if (terminal) {
            return complete(status, result);
        }
        if (!Lifecycle.advances(status.getState(), target)) {
            return Decision.ignore(target + " result cannot move a " + status.getState() + " call");
        }
        return Decision.apply(
                CallStatus.newBuilder(status)
                        .setState(target)
                        .setExecutorId(result.getExecutorId() != null ? result.getExecutorId() : status.getExecutorId())
                        .setAttempt(result.getAttempt())
                        .setUpdatedAt(result.getFinishedAt())
                        .build(),
                null);
    }

    /**
     * A {@link ControlCommand} CANCEL. The router ends the call at once, queued or running: its state is the
     * fabric's answer, and the executor's own CANCELLED result (after it interrupted the function) arrives
     * later and is dropped as a duplicate. A cancel that overtook its call is held like an early result.
     */
    public static Decision onControl(Known known, ControlCommand command) {
        CallStatus status = known.status();
        if (status == null) {
            return known.earlyResult() == null
                    ? Decision.park(cancelled(command, null))
                    : Decision.ignore("cancel before its call, which already has a held "
                            + known.earlyResult().getState() + " result");
        }
        if (Lifecycle.isTerminal(status.getState())) {
            // The very cancel that ended the call, read again after a restart: its end may never have reached Kafka.
            return cancelled(command, status).equals(status.getResult())
                    ? Decision.repeat(status, replyFor(status, status.getResult()))
                    : Decision.ignore("cancel for a call that already ended as " + status.getState());
        }
        return complete(status, cancelled(command, status));
    }

    /**
     * The call's deadline ({@code dueMs} = submittedAt + timeoutMs) passed on the router's wall clock: the TIMED_OUT
     * result the router sends for it, or nothing when the call already ended or is no longer held. The router does not
     * end the call here: it reads the result back from {@code fabric.results} like an executor's, so that the end has a
     * record that is read again if the router dies before its next commit ({@link #onResult}).
     */
    public static Optional<FuncResult> onDeadline(Known known, long dueMs) {
        CallStatus status = known.status();
        if (status == null || Lifecycle.isTerminal(status.getState())) {
            return Optional.empty();
        }
        long timeoutMs = dueMs - status.getSubmittedAt().toEpochMilli();
        return Optional.of(FuncResult.newBuilder()
                .setCallId(status.getCallId())
                .setFunction(status.getFunction())
                .setState(CallState.TIMED_OUT)
                .setError(ErrorInfo.newBuilder()
                        .setType(ErrorTypes.TIMEOUT)
                        .setMessage("no result within " + timeoutMs + " ms (the call's timeout, or the fabric's longest"
                                + " call lifetime when it names none)")
                        .build())
                .setExecutorId(status.getExecutorId())
                .setAttempt(status.getAttempt())
                .setFinishedAt(Instant.ofEpochMilli(dueMs))
                .build());
    }

    private static FuncResult cancelled(ControlCommand command, CallStatus status) {
        String reason = command.getReason() != null
                ? command.getReason()
                : "cancelled" + (command.getRequestedBy() != null ? " by " + command.getRequestedBy() : "");
        return FuncResult.newBuilder()
                .setCallId(command.getCallId())
                .setFunction(status != null ? status.getFunction() : "")
                .setState(CallState.CANCELLED)
                .setError(ErrorInfo.newBuilder()
                        .setType(ErrorTypes.CANCELLED)
                        .setMessage(reason)
                        .build())
                .setExecutorId(status != null ? status.getExecutorId() : null)
                .setAttempt(status != null ? status.getAttempt() : 0)
                .setFinishedAt(command.getAt())
                .build();
    }

    /** The capset a call's requirements name (the topic the cache runs it on). */
    private static String capsetOf(FuncCall call) {
        try {
            return Capset.of(call.getRequirements()).name();
        } catch (IllegalArgumentException e) {
            log.warn(
                    "call {} names invalid requirements {}: {}",
                    call.getCallId(),
                    call.getRequirements(),
                    e.getMessage());
            return String.join(Capset.SEPARATOR, call.getRequirements());
        }
    }

    /** The capset of a capability topic; an unparsable suffix is kept as is rather than losing the call. */
    private static String capsetName(String sourceTopic) {
        try {
            Capset capset = Topics.capsetOf(sourceTopic);
            if (capset != null) {
                return capset.name();
            }
        } catch (IllegalArgumentException e) {
            // The topic matched the pattern but names no valid capset: keep its suffix, a call is never lost.
            log.warn("capability topic {} names no valid capset, keeping its suffix: {}", sourceTopic, e.getMessage());
        }
        return sourceTopic.startsWith(Topics.CALLS_PREFIX)
                ? sourceTopic.substring(Topics.CALLS_PREFIX.length())
                : sourceTopic;
    }

    private static Decision complete(CallStatus status, FuncResult result) {
        CallStatus done = CallStatus.newBuilder(status)
                .setState(result.getState())
                .setExecutorId(result.getExecutorId() != null ? result.getExecutorId() : status.getExecutorId())
                .setAttempt(result.getAttempt())
                .setUpdatedAt(result.getFinishedAt())
                .setResult(result)
                .build();
        return Decision.apply(done, replyFor(status, result));
    }

    private static Reply replyFor(CallStatus status, FuncResult result) {
        String replyTo = status.getReplyTo();
        return replyTo == null || replyTo.isBlank() ? null : new Reply(replyTo, result);
    }
}
