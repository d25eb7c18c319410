package dev.computefabric.gateway.calls;

import java.util.Optional;

/**
 * Where the gateway finds a call by id: the calls it accepted ({@link RecentCalls}), the status view of every
 * call, or both ({@link CombinedLookup}). A call not found is looked for again before it is answered unknown
 * ({@link SecondLook}).
 */
@FunctionalInterface
public interface CallLookup {

    Optional<CallSnapshot> find(String callId);
}
