package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.Caller;

/**
 * Which calls a caller sees: its own, and every call for a member of an admin group. Someone else's call is
 * answered as if it did not exist, so that call ids cannot be probed.
 */
final class CallAccess {

    private final PolicyFile policy;
    private final CallOwners owners;

    CallAccess(PolicyFile policy, CallOwners owners) {
        this.policy = policy;
        this.owners = owners;
    }

    boolean isAdmin(Caller caller) {
        return policy.current().isAdmin(caller);
    }

    boolean maySee(Caller caller, String callId) {
        return isAdmin(caller)
                || owners.ownerOf(callId).map(caller.name()::equals).orElse(false);
    }
}
