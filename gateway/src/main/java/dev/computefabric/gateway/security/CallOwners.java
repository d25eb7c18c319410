package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.SecondLook;
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
    private final SecondLook secondLook;
    private final Map<String, String> acceptedHere = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED;
        }
    });

    /** @param secondLook how a call {@code index} does not know is looked for again before it counts as unknown */
    CallOwners(CallIndex index, SecondLook secondLook) {
        this.index = index;
        this.secondLook = secondLook;
    }

    void accepted(String callId, String principal) {
        acceptedHere.put(callId, principal);
    }

    /** The principal that submitted {@code callId} through this gateway. */
    Optional<String> acceptedHere(String callId) {
        return Optional.ofNullable(acceptedHere.get(callId));
    }

    /**
     * The principal that submitted {@code callId}; empty when the call is unknown or had no caller. Blocks while an
     * unknown call is looked for a second time: a request thread's question only.
     */
    Optional<String> ownerOf(String callId) {
        String here = acceptedHere.get(callId);
        if (here != null) {
            return Optional.of(here);
        }
        return secondLook
                .findNow(callId, index::details)
                .map(details -> details.row().caller());
    }
}
