package dev.computefabric.gateway.calls;

import java.util.Optional;

/**
 * Where the gateway finds a call by id: the calls it accepted ({@link RecentCalls}), the status view of every
 * call, or both ({@link CombinedLookup}).
 */
@FunctionalInterface
public interface CallLookup {

    Optional<CallSnapshot> find(String callId);

    /**
     * The call {@code callId}.
     *
     * @throws CallNotFoundException it is not known here
     */
    default CallSnapshot require(String callId) {
        return find(callId).orElseThrow(() -> new CallNotFoundException(callId));
    }
}
