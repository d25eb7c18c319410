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
 *   <li>{@code fabric.status} (compacted): a call that has not ended is <em>live</em>; a call that ended holds
 *   its output tables for as long as its status is kept (the router's retention), and so do results the
 *   router's cache serves from it, since the cache keeps a result at most that long;</li>
 *   <li>the topics that carry calls: the input tables of a live call, and of every call written within the
 *   last retention period (it may not have reached {@code fabric.status} yet).</li>
 * </ul>
 *
 * Feed every status first ({@link #status}), then read calls from {@link #callsFrom} on ({@link #call}).
 * Memory holds only live calls and ended calls that have stored outputs.
 */
public final class References {

    private final Map<String, Instant> liveSince = new HashMap<>();
    private final Map<String, Set<String>> outputsByCall = new HashMap<>();
    private final Set<String> inputs = new HashSet<>();

    /** The latest status of {@code callId}; null is the tombstone of a call past the router's retention. */
    public void status(String callId, CallStatus status) {
        if (status == null) {
            liveSince.remove(callId);
            outputsByCall.remove(callId);
            return;
        }
        if (Lifecycle.isTerminal(status.getState())) {
            liveSince.remove(callId);
            Set<String> outputs = status.getResult() == null ? Set.of() : storedHashes(status.getResult());
            if (outputs.isEmpty()) {
                outputsByCall.remove(callId);
            } else {
                outputsByCall.put(callId, outputs);
            }
        } else {
            liveSince.put(callId, status.getSubmittedAt());
        }
    }

    /** Where reading calls must start: a retention period back, or earlier while an older call is still live. */
    public Instant callsFrom(Instant now, Duration retention) {
        Instant from = now.minus(retention);
        for (Instant submitted : liveSince.values()) {
            if (submitted.isBefore(from)) {
                from = submitted;
            }
        }
        return from;
    }

    /** A call record written at {@code writtenAt}: its stored inputs count while it is live or recent. */
    public void call(FuncCall call, Instant writtenAt, Instant now, Duration retention) {
        boolean recent = writtenAt.isAfter(now.minus(retention));
        if (recent || liveSince.containsKey(call.getCallId())) {
            call.getTables().values().forEach(table -> addIfStored(table, inputs));
        }
    }

    /** The hashes of every table something still refers to. */
    public Set<String> referenced() {
        Set<String> all = new HashSet<>(inputs);
        outputsByCall.values().forEach(all::addAll);
        return all;
    }

    /** Calls not ended yet, as far as {@code fabric.status} says. */
    public int liveCalls() {
        return liveSince.size();
    }

    private static Set<String> storedHashes(FuncResult result) {
        Set<String> hashes = new HashSet<>();
        result.getTables().values().forEach(table -> addIfStored(table, hashes));
        return hashes;
    }

    private static void addIfStored(Table table, Set<String> into) {
        if (table.getData() instanceof TableRef ref) {
            into.add(ref.getSha256());
        }
    }
}
