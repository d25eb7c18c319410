package dev.computefabric.schemas;

import dev.computefabric.avro.CallState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one transition table of a call's {@link CallState}; every component asks it instead of
 * comparing states itself, so the lifecycle can change in one place.
 *
 * <pre>
 * ACCEPTED ─▶ RUNNING ◀─▶ RETRYING
 *    │           │           │
 *    └───────────┴───────────┴──▶ FINISHED | FAILED | CANCELLED | TIMED_OUT   (final)
 * </pre>
 *
 * ACCEPTED may go straight to RETRYING (an executor died before it reported STARTED) and to any
 * terminal state (cancelled or timed out before it ran; a result that overtook its STARTED event).
 * Moving a state to itself is allowed and changes nothing, so a redelivered fact is harmless; a
 * terminal state never moves to another state.
 */
public final class Lifecycle {

    /** States a call never leaves. */
    public static final Set<CallState> TERMINAL = Collections.unmodifiableSet(
            EnumSet.of(CallState.FINISHED, CallState.FAILED, CallState.CANCELLED, CallState.TIMED_OUT));

    private static final Map<CallState, Set<CallState>> NEXT = table();

    private Lifecycle() {}

    public static boolean isTerminal(CallState state) {
        return TERMINAL.contains(require(state, "state"));
    }

    /** True when a call in {@code from} may be put into {@code to}; {@code from == to} is an allowed no-op. */
    public static boolean canMove(CallState from, CallState to) {
        return require(from, "from") == require(to, "to") || NEXT.get(from).contains(to);
    }

    /** True when moving {@code from} to {@code to} is allowed and actually changes the state. */
    public static boolean advances(CallState from, CallState to) {
        return from != to && canMove(from, to);
    }

    /** The states {@code from} may move to, itself excluded; empty for a terminal state. */
    public static Set<CallState> next(CallState from) {
        return NEXT.get(require(from, "from"));
    }

    private static Map<CallState, Set<CallState>> table() {
        Map<CallState, Set<CallState>> next = new EnumMap<>(CallState.class);
        next.put(CallState.ACCEPTED, withTerminal(CallState.RUNNING, CallState.RETRYING));
        next.put(CallState.RUNNING, withTerminal(CallState.RETRYING));
        next.put(CallState.RETRYING, withTerminal(CallState.RUNNING));
        for (CallState terminal : TERMINAL) {
            next.put(terminal, Collections.unmodifiableSet(EnumSet.noneOf(CallState.class)));
        }
        // A symbol added to the Avro enum must get a row here before anything runs with it.
        for (CallState state : CallState.values()) {
            if (!next.containsKey(state)) {
                throw new IllegalStateException("no lifecycle transitions defined for " + state);
            }
        }
        return Collections.unmodifiableMap(next);
    }

    private static Set<CallState> withTerminal(CallState first, CallState... rest) {
        EnumSet<CallState> set = EnumSet.of(first, rest);
        set.addAll(TERMINAL);
        return Collections.unmodifiableSet(set);
    }

    private static CallState require(CallState state, String name) {
        if (state == null) {
            throw new IllegalArgumentException(name + " state must not be null");
        }
        return state;
    }
}
