package dev.computefabric.gateway.web;

import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.CallSnapshot;
import dev.computefabric.gateway.calls.CallSubmission;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.Calls;
import dev.computefabric.gateway.calls.Cancellations;
import dev.computefabric.gateway.calls.RequestedWait;
import dev.computefabric.schemas.IdempotencyKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/calls}. Thin: parsing is {@link CallRequestParser}'s, the work is {@link Calls}'. Handlers return
 * futures, so a request waiting for a result holds no servlet thread.
 */
@RestController
@RequestMapping(CallsController.PATH)
public class CallsController {

    public static final String PATH = "/v1/calls";

    private final Calls calls;
    private final Cancellations cancellations;
    private final CallRequestParser parser;
    private final CallViewRenderer renderer;

    public CallsController(
            Calls calls, Cancellations cancellations, CallRequestParser parser, CallViewRenderer renderer) {
        this.calls = calls;
        this.cancellations = cancellations;
        this.parser = parser;
        this.renderer = renderer;
    }

    /**
     * Submits a call. 200 with the result when the call ended within the requested wait; else 202 with the
     * current state. The body is read raw so that its size is bounded and malformed JSON gets the parser's
     * message, not Spring's. With an {@code Idempotency-Key}, the same key again answers for the call it first
     * submitted instead of submitting another.
     */
    @PostMapping
    public CompletableFuture<ResponseEntity<CallView>> submit(
            InputStream body,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller)
            throws IOException {
        CallSubmission submission = parser.read(body)
                .withIdempotencyKey(parser.idempotencyKey(idempotencyKey))
                .withCaller(caller);
        return calls.submit(submission)
                .thenApply(submitted -> WaitCapHeader.on(
                                submitted.call().isTerminal() ? ResponseEntity.ok() : ResponseEntity.accepted(),
                                submission.requestedWait())
                        .location(location(submitted.call()))
                        .body(renderer.render(submitted)));
    }

    /** The call's current state; with {@code ?wait=}, held until it ends or the wait passes. */
    @GetMapping("/{callId}")
    public CompletableFuture<ResponseEntity<CallView>> get(
            @PathVariable String callId, @RequestParam(name = "wait", required = false) String wait) {
        Optional<RequestedWait> requested = parser.waitParameter(wait);
        return calls.find(callId, requested.map(RequestedWait::duration))
                .thenApply(
                        call -> WaitCapHeader.on(ResponseEntity.ok(), requested).body(renderer.render(call)));
    }

    /**
     * Cancels the call: 202 with its current state once the cancel is on {@code fabric.control}; with
     * {@code ?wait=}, 200 once the call ended (CANCELLED). 404 unknown call, 409 already ended.
     */
    @DeleteMapping("/{callId}")
    public CompletableFuture<ResponseEntity<CallView>> cancel(
            @PathVariable String callId, @RequestParam(name = "wait", required = false) String wait) {
        Optional<RequestedWait> requested = parser.waitParameter(wait);
        return cancellations
                .cancel(callId, requested.map(RequestedWait::duration))
                .thenApply(call -> WaitCapHeader.on(
                                call.isTerminal() ? ResponseEntity.ok() : ResponseEntity.accepted(), requested)
                        .body(renderer.render(call)));
    }

    private static URI location(CallSnapshot call) {
        return URI.create(PATH + "/" + call.callId());
    }
}
