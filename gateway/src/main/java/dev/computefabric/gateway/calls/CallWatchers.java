package dev.computefabric.gateway.calls;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who follows which call on this gateway ({@code GET /v1/calls/{id}/events}), told of every status the
 * gateway learns from {@code fabric.status}. Watchers run on the status consumer's thread: they must hand
 * slow work (writing to a client) to another thread.
 */
public final class CallWatchers {

    private static final Logger log = LoggerFactory.getLogger(CallWatchers.class);

    private final Map<String, Set<Consumer<CallSnapshot>>> byCall = new ConcurrentHashMap<>();

    /** Starts telling {@code watcher} about {@code callId}; closing the returned handle stops it. */
    public AutoCloseable watch(String callId, Consumer<CallSnapshot> watcher) {
        byCall.computeIfAbsent(callId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return () -> byCall.computeIfPresent(callId, (id, watchers) -> {
            watchers.remove(watcher);
            return watchers.isEmpty() ? null : watchers;
        });
    }

    public void publish(CallSnapshot snapshot) {
        Set<Consumer<CallSnapshot>> watchers = byCall.get(snapshot.callId());
        if (watchers == null) {
            return;
        }
        for (Consumer<CallSnapshot> watcher : watchers) {
            try {
                watcher.accept(snapshot);
            } catch (RuntimeException e) {
                log.warn("a watcher of call {} failed: {}", snapshot.callId(), e.toString());
            }
        }
    }

    /** How many calls have watchers, for tests and metrics. */
    public int watchedCalls() {
        return byCall.size();
    }
}
