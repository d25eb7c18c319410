package dev.computefabric.gateway.calls;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the compacted {@code fabric.status} topic to this gateway: every call's latest status goes into a
 * bounded view (so any gateway answers for any call), and a terminal status completes requests waiting here
 * for a call this gateway did not accept ({@code GET ?wait=} on another gateway's call).
 */
public final class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private final RecentCalls view;
    private final RecentCalls accepted;
    private final PendingReplies pending;
    private final CallWatchers watchers;

    /**
     * @param view     the status view, bounded like {@link RecentCalls}
     * @param accepted the calls this gateway accepted; a terminal status also ends them there for lookups, whichever of
     *                 the status and the reply this gateway reads first
     * @param watchers the clients following calls here ({@code GET /v1/calls/{id}/events}), told of every status
     */
    public StatusUpdates(RecentCalls view, RecentCalls accepted, PendingReplies pending, CallWatchers watchers) {
        this.view = view;
        this.accepted = accepted;
        this.pending = pending;
        this.watchers = watchers;
    }

    /** One record of {@code fabric.status}; {@code status} null is a tombstone (the router forgot the call). */
    public void onStatus(String callId, CallStatus status) {
        if (status == null) {
            view.forget(callId);
            return;
        }
        CallSnapshot snapshot = CallSnapshot.of(status);
        view.remember(snapshot);
        watchers.publish(snapshot);
        FuncResult result = status.getResult();
        if (result != null) {
            // Its reply, on this gateway's reply topic, hands the end on (quota, output grants): it may come later.
            accepted.learnEnd(result);
            if (pending.complete(result)) {
                log.debug("completed waits for call {} from fabric.status ({})", callId, status.getState());
            }
        }
    }
}
