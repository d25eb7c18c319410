package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.Caller;
import java.util.Optional;

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

    /** An admin's question costs no look for the owner (which waits for the status view when the call is unknown). */
    boolean maySee(Caller caller, String callId) {
        return isAdmin(caller) || owns(caller, owners.ownerOf(callId));
    }

    /** Whether {@code caller} sees what {@code owner} submitted (empty: unknown, or submitted by nobody). */
    boolean maySee(Caller caller, Optional<String> owner) {
        return isAdmin(caller) || owns(caller, owner);
    }

    private static boolean owns(Caller caller, Optional<String> owner) {
        return owner.map(caller.name()::equals).orElse(false);
    }
}
