package dev.computefabric.gateway.calls;

import java.util.Optional;

/**
 * Finds a call among the calls this gateway accepted and in the status view of every call. The accepted
 * calls answer first (they exist before the router saw the call); the status view knows more once the
 * call runs (RUNNING, executor) and is the only source for calls accepted by other gateways.
 */
public final class CombinedLookup implements CallLookup {

    private final CallLookup accepted;
    private final CallLookup statusView;

    public CombinedLookup(CallLookup accepted, CallLookup statusView) {
        this.accepted = accepted;
        this.statusView = statusView;
    }

    @Override
    public Optional<CallSnapshot> find(String callId) {
        Optional<CallSnapshot> mine = accepted.find(callId);
        if (mine.isPresent() && mine.get().isTerminal()) {
            return mine;
        }
        Optional<CallSnapshot> seen = statusView.find(callId);
        return seen.isPresent() ? seen : mine;
    }
}
