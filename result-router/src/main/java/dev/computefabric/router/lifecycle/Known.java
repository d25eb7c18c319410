package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;

/**
 * What the router's stores hold for one call id.
 *
 * @param status      the call's lifecycle record; null until the call itself was seen
 * @param earlyResult a terminal result that arrived before its call, held until the call arrives;
 *                    only ever set while {@code status} is null
 */
public record Known(CallStatus status, FuncResult earlyResult) {

    public static final Known NOTHING = new Known(null, null);

    public Known {
        if (status != null && earlyResult != null) {
            throw new IllegalArgumentException("an early result is only held while the call is unknown, but call "
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
