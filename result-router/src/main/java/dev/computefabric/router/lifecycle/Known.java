package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Lifecycle;

/**
 * What the router's stores hold for one call id.
 *
 * @param status      the call's lifecycle record; null until the call itself was seen
 * @param earlyResult a terminal result (or cancel) that arrived before its call, held until the call arrives; with a
 *                    {@code status}, only for a call that it ended, so that the call read again sends that end again
 */
public record Known(CallStatus status, FuncResult earlyResult) {

    public static final Known NOTHING = new Known(null, null);

    public Known {
        if (status != null && earlyResult != null && !Lifecycle.isTerminal(status.getState())) {
            throw new IllegalArgumentException("an early result ends its call when it arrives, but call "
                    + status.getCallId() + " is " + status.getState());
        }
    }

    public static Known status(CallStatus status) {
        return new Known(status, null);
    }

    public static Known earlyResult(FuncResult result) {
        return new Known(null, result);
    }
}
