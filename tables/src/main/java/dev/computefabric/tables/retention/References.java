package dev.computefabric.tables.retention;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableRef;
import dev.computefabric.schemas.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which stored tables are still needed, accumulated from what the fabric's topics say:
 *
 * <ul>
 *   <li>the topics that carry calls: the input tables of every call that has not <em>ended</em>, however old,
 *   and of every call written within the last retention period (a pipeline's same-node step, carried by the call
 *   before it, counts as a call of its own);</li>
 *   <li>{@code fabric.status} (compacted): a call has ended only when its status says so (a terminal state, or
 *   the tombstone of a call past the router's retention). A call without a status has not ended: the router
 *   may not have seen it yet, or may hold its first status back, while an executor already runs it. An ended
 *   call holds its output tables for as long as its status is kept, and so do results the router's cache
 *   serves from it, since the cache keeps a result at most that long.</li>
 * </ul>
 *
 * A call whose own deadline ({@code submittedAt + timeoutMs}) passed more than a retention period ago counts
 * as ended even without a status: no executor starts a call past its deadline.
 *
 * <p>Feed every call first ({@link #call}), then every status ({@link #status}): a status is only kept for the
 * calls read before it, so memory holds the calls with stored inputs and the ended calls with stored outputs.
 */
public final class References {

    private final Map<String, Set<String>> inputsByCall = new HashMap<>();
    private final Set<String> ended = new HashSet<>();
    private final Set<String> recentInputs = new HashSet<>();
    private final Map<String, Set<String>> outputsByCall = new HashMap<>();

    /**
     * A call record written at {@code writtenAt}: its stored inputs count unless a status says it ended. The tables
     * of the same-node step it carries ({@link FuncCall#getNext()}) count until that step's own call has ended: the
     * node runs the step after the carrying call FINISHED, so the carrier's end does not free them.
     */
    public void call(FuncCall call, Instant writtenAt, Instant now, Duration retention) {
        inputs(call.getCallId(), storedHashes(call.getTables()), call, writtenAt, now, retention);
        if (call.getNext() != null) {
            inputs(
                    call.getNext().getCallId(),
                    storedHashes(call.getNext().getTables()),
                    call,
                    writtenAt,
                    now,
                    retention);
        }
    }

    private void inputs(
            String callId, Set<String> stored, FuncCall record, Instant writtenAt, Instant now, Duration retention) {
        if (stored.isEmpty()) {
            return;
        }
        if (Retention.isRecent(writtenAt, now, retention)) {
            // It may be about to be written again (a retry) or answered from a status not read yet.
            recentInputs.addAll(stored);
        } else if (!deadlinePassedLongAgo(record, now, retention)) {
            inputsByCall.computeIfAbsent(callId, id -> new HashSet<>()).addAll(stored);
        }
    }

    /** The latest status of {@code callId}; null is the tombstone of a call past the router's retention. */
    public void status(String callId, CallStatus status) {
        boolean terminal = status == null || Lifecycle.isTerminal(status.getState());
        if (inputsByCall.containsKey(callId)) {
            if (terminal) {
                ended.add(callId);
            } else {
                ended.remove(callId);
            }
        }
        Set<String> outputs =
                status == null || !terminal || status.getResult() == null ? Set.of() : storedHashes(status.getResult());
        if (outputs.isEmpty()) {
            outputsByCall.remove(callId);
        } else {
            outputsByCall.put(callId, outputs);
        }
    }

    /** The hashes of every table something still refers to. */
    public Set<String> referenced() {
        Set<String> all = new HashSet<>(recentInputs);
        inputsByCall.forEach((callId, inputs) -> {
            if (!ended.contains(callId)) {
                all.addAll(inputs);
            }
        });
        outputsByCall.values().forEach(all::addAll);
        return all;
    }

    /** Calls older than the retention period, with stored inputs, that have not ended. */
    public int liveCalls() {
        return (int) inputsByCall.keySet().stream()
                .filter(callId -> !ended.contains(callId))
                .count();
    }

    private static boolean deadlinePassedLongAgo(FuncCall call, Instant now, Duration retention) {
        if (call.getTimeoutMs() == null || call.getSubmittedAt() == null) {
            return false;
        }
        Instant deadline = call.getSubmittedAt().plusMillis(call.getTimeoutMs());
        // A retention period of margin covers clock skew between the executor that checks it and this sweep.
        return !Retention.isRecent(deadline, now, retention);
    }

    private static Set<String> storedHashes(FuncResult result) {
        return storedHashes(result.getTables());
    }

    private static Set<String> storedHashes(Map<String, Table> tables) {
        Set<String> hashes = new HashSet<>();
        tables.values().forEach(table -> {
            if (table.getData() instanceof TableRef ref) {
                hashes.add(ref.getSha256());
            }
        });
        return hashes;
    }
}
