package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.gateway.console.CallQuery;
import dev.computefabric.gateway.console.ChangeFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/calls/changes}: server-sent events for the console's live table. First a {@code ready} event
 * (changes from here on are sent: load the first page after it), then every quarter second a {@code calls} event
 * with the rows that changed ({@code rows}, newest version of each, and {@code removed} ids), or a {@code reset}
 * when this client fell too far behind and should reload. Same filters as {@code GET /v1/calls}; a row that
 * leaves the filter is sent too, so that the client can drop it.
 */
@RestController
@RequestMapping(CallsController.PATH)
public class CallChangesController {

    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(CallChangesController.class);

    private final ChangeFeed feed;
    private final HeldRequests held;

    public CallChangesController(ChangeFeed feed, HeldRequests held) {
        this.feed = feed;
        this.held = held;
    }

    /** One batch of changes. */
    @JsonPropertyOrder({"rows", "removed"})
    public record ChangesView(List<CallRowView> rows, List<String> removed) {}

    @GetMapping(path = "/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter changes(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String function,
            @RequestParam(required = false) String node,
            @RequestParam(required = false) String caller)
            throws IOException {
        CallQuery query = CallQuery.parse(state, function, node, caller, null, null);
        SseEmitter emitter = held.stream(STREAM_TIMEOUT);
        AtomicReference<ChangeFeed.Subscription> subscription = new AtomicReference<>();
        subscription.set(feed.subscribe(query::matches, batch -> send(emitter, subscription.get(), batch)));
        emitter.onCompletion(() -> subscription.get().close());
        emitter.onTimeout(() -> subscription.get().close());
        emitter.onError(error -> subscription.get().close());
        emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        return emitter;
    }

    private static void send(SseEmitter emitter, ChangeFeed.Subscription subscription, ChangeFeed.Batch batch) {
        try {
            if (batch.reset()) {
                emitter.send(SseEmitter.event().name("reset").data("{}", MediaType.APPLICATION_JSON));
            } else if (batch.isEmpty()) {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } else {
                emitter.send(SseEmitter.event()
                        .name("calls")
                        .data(
                                new ChangesView(
                                        batch.rows().stream()
                                                .map(CallRowView::of)
                                                .toList(),
                                        batch.removed()),
                                MediaType.APPLICATION_JSON));
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("change stream client gone: {}", e.toString());
            end(emitter, subscription, e);
        } catch (RuntimeException e) {
            // Ended, not left silent: the console reconnects and reloads its table.
            log.warn("change stream ended: {}", e.toString(), e);
            end(emitter, subscription, e);
        }
    }

    private static void end(SseEmitter emitter, ChangeFeed.Subscription subscription, Exception cause) {
        if (subscription != null) {
            subscription.close();
        }
        emitter.completeWithError(cause);
    }
}
