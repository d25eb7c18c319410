package dev.computefabric.gateway.web;

import dev.computefabric.gateway.calls.PendingReplies;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The requests this gateway holds open: event streams (a call's events, the console's changes), which end on their
 * own only after half an hour, and requests waiting for a result ({@code ?wait=}, up to the maximum wait). A graceful
 * shutdown waits for every open request: one console left open kept a stopping gateway up until it was killed, and a
 * caller waiting a minute held it that long. When the gateway stops, before the web server waits for its requests,
 * the streams are completed and the waits answered with the call as it is then (a {@code POST}'s 202); clients
 * (EventSource, a caller that polls) come back to a gateway that runs.
 */
public final class HeldRequests implements SmartLifecycle {

    private final PendingReplies waits;
    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** @param waits the requests waiting for a result */
    public HeldRequests(PendingReplies waits) {
        this.waits = waits;
    }

    /** An event stream that ends after {@code timeout}, or when the gateway stops. */
    public SseEmitter stream(Duration timeout) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        streams.add(emitter);
        emitter.onCompletion(() -> streams.remove(emitter));
        emitter.onTimeout(() -> streams.remove(emitter));
        emitter.onError(error -> streams.remove(emitter));
        if (!running) {
            // Opened while the gateway stops, after the others were completed.
            emitter.complete();
        }
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        streams.forEach(SseEmitter::complete);
        waits.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (a lower phase), which would wait for these requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
