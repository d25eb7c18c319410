package dev.computefabric.gateway.security;

import dev.computefabric.gateway.console.CallIndex;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who submitted a call: this gateway remembers the calls it accepted (their status may not have come back yet), and
 * knows every other from {@code fabric.status} ({@code CallStatus.caller}) through the console's index.
 */
final class CallOwners {

    static final int MAX_REMEMBERED = 100_000;

    private final CallIndex index;
    private final Map<String, String> acceptedHere = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED;
        }
    });

    CallOwners(CallIndex index) {
        this.index = index;
    }

    void accepted(String callId, String principal) {
        acceptedHere.put(callId, principal);
    }

    /** The principal that submitted {@code callId} through this gateway. */
    Optional<String> acceptedHere(String callId) {
        return Optional.ofNullable(acceptedHere.get(callId));
    }

    /** The principal that submitted {@code callId}; empty when the call is unknown or had no caller. */
    Optional<String> ownerOf(String callId) {
        String here = acceptedHere.get(callId);
        if (here != null) {
            return Optional.of(here);
        }
        return index.details(callId).map(details -> details.row().caller());
    }
}
