package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.gateway.calls.CallLookup;
import dev.computefabric.gateway.calls.CallSnapshot;
import dev.computefabric.gateway.calls.CallWatchers;
import dev.computefabric.gateway.calls.CombinedLookup;
import dev.computefabric.gateway.calls.SecondLook;
import dev.computefabric.gateway.console.CallLogs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/calls/{id}/events}: the call as server-sent events, one {@code status} event (the same JSON
 * as {@code GET /v1/calls/{id}}) for its state now and for every change after, progress included, until it
 * ends; and a {@code log} event ({@code {"at", "node", "attempt", "line"}}) for each line the function logs, the
 * lines this gateway kept first. Works on every gateway for every call: the changes come from {@code fabric.status},
 * the lines from {@code fabric.events}.
 */
@RestController
@RequestMapping(CallsController.PATH)
public class CallEventsController {

    /** A stream ends after this long even if the call has not; clients reconnect and get the state again. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    static final String EVENT = "status";
    static final String LOG_EVENT = "log";

    private static final Logger log = LoggerFactory.getLogger(CallEventsController.class);

    private final CallLookup lookup;
    private final SecondLook secondLook;
    private final CallWatchers watchers;
    private final CallViewRenderer renderer;
    private final Executor dispatch;
    private final CallLogs logs;
    private final HeldRequests held;

    public CallEventsController(
            CombinedLookup lookup,
            SecondLook secondLook,
            CallWatchers watchers,
            CallViewRenderer renderer,
            ExecutorService callDispatch,
            CallLogs logs,
            HeldRequests held) {
        this.lookup = lookup;
        this.secondLook = secondLook;
        this.watchers = watchers;
        this.renderer = renderer;
        this.dispatch = callDispatch;
        this.logs = logs;
        this.held = held;
    }

    /** A line the call's function logged. */
    @JsonPropertyOrder({"at", "node", "attempt", "line"})
    public record LogView(String at, String node, int attempt, String line) {}

    @GetMapping(path = "/{callId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable String callId) {
        secondLook.requireNow(callId, lookup::find);
        SseEmitter emitter = held.stream(STREAM_TIMEOUT);
        Stream stream = new Stream(emitter);
        // Watch first, then send the current state: a change in between is sent (twice at worst), never lost.
        CallLogs.Following lines = logs.follow(callId, stream::offer);
        AutoCloseable watch = watchers.watch(callId, stream::offer);
        Runnable unwatch = () -> {
            try {
                watch.close();
                lines.handle().close();
            } catch (Exception e) {
                log.debug("unwatching call {}: {}", callId, e.toString());
            }
        };
        emitter.onCompletion(unwatch);
        emitter.onTimeout(unwatch);
        emitter.onError(error -> unwatch.run());
        lines.recent().forEach(stream::offer);
        lookup.find(callId).ifPresent(stream::offer);
        return emitter;
    }

    /** One client's events, written in order on the dispatch pool, never on a consumer's thread. */
    private final class Stream {

        private final SseEmitter emitter;
        /** {@link CallSnapshot}s and {@link CallLogs.Line}s. */
        private final Queue<Object> queue = new ArrayDeque<>();

        private boolean draining;
        private boolean ended;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void offer(Object item) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                queue.add(item);
                if (draining) {
                    return;
                }
                draining = true;
            }
            dispatch.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Object next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null || ended) {
                        draining = false;
                        return;
                    }
                    ended = next instanceof CallSnapshot snapshot && snapshot.isTerminal();
                }
                if (next instanceof CallLogs.Line line) {
                    sendLine(line);
                } else {
                    send((CallSnapshot) next);
                }
            }
        }

        private void sendLine(CallLogs.Line line) {
            try {
                emitter.send(SseEmitter.event()
                        .name(LOG_EVENT)
                        .data(
                                new LogView(line.at().toString(), line.executorId(), line.attempt(), line.text()),
                                MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                synchronized (this) {
                    ended = true;
                }
                emitter.completeWithError(e);
            }
        }

        private void send(CallSnapshot snapshot) {
            try {
                emitter.send(
                        SseEmitter.event().name(EVENT).data(renderer.render(snapshot), MediaType.APPLICATION_JSON));
                if (snapshot.isTerminal()) {
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away (or the stream timed out): nothing more to send.
                synchronized (this) {
                    ended = true;
                }
                emitter.completeWithError(e);
            }
        }
    }
}
