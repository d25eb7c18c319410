package dev.computefabric.gateway.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A node that offers a function and whose presence is fresh.
 *
 * @param executorId   the node's id
 * @param capabilities every tag the node has (it serves every capability topic whose capset is a subset)
 * @param slots        the node's slots
 * @param freeSlots    slots not running a call when it last reported
 * @param lastSeen     when it last reported its presence (its own clock)
 */
public record LiveNode(String executorId, Set<String> capabilities, int slots, int freeSlots, Instant lastSeen) {

    public LiveNode {
        Objects.requireNonNull(executorId, "executorId");
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** Whether this node takes calls from the capability topic of {@code tags}. */
    public boolean serves(Set<String> tags) {
        return capabilities.containsAll(tags);
    }
}
