package dev.computefabric.gateway.calls;

import java.util.Optional;

/**
 * Where the gateway finds a call by id. Today: the calls this gateway accepted ({@link RecentCalls}).
 * A lookup backed by the compacted {@code fabric.status} topic, for calls accepted by other gateways,
 * plugs in here without touching the HTTP layer.
 */
@FunctionalInterface
public interface CallLookup {

    Optional<CallSnapshot> find(String callId);
}
