package dev.computefabric.gateway.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams this gateway serves (a call's events, the console's changes). A stream ends on its own only
 * after its timeout, half an hour, and a graceful shutdown waits for every open request: one console left open kept a
 * stopping gateway up until it was killed. Streams are completed when the gateway stops, before the web server waits
 * for its requests; clients (EventSource) reconnect, to a gateway that runs.
 */
public final class EventStreams implements SmartLifecycle {

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** A stream that ends after {@code timeout}, or when the gateway stops. */
    public SseEmitter open(Duration timeout) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        open.add(emitter);
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(() -> open.remove(emitter));
        emitter.onError(error -> open.remove(emitter));
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
        open.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (a lower phase), which would wait for the streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
