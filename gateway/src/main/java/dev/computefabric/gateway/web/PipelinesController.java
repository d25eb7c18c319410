package dev.computefabric.gateway.web;

import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.GatewayProperties;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.InvalidRequestException;
import dev.computefabric.gateway.calls.RequestedWait;
import dev.computefabric.gateway.pipelines.FabricPipelines;
import dev.computefabric.gateway.pipelines.PipelineCancellations;
import dev.computefabric.gateway.pipelines.PipelineRequestParser;
import dev.computefabric.gateway.pipelines.PipelineStatuses;
import dev.computefabric.gateway.pipelines.PipelineSubmission;
import dev.computefabric.gateway.pipelines.PipelineWaits;
import dev.computefabric.gateway.pipelines.RecentPipelines;
import dev.computefabric.schemas.IdempotencyKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
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
 * {@code /v1/pipelines}, shaped like {@code /v1/calls}: submit (202, or 200 once it ended within {@code wait}), look
 * up with an optional wait, cancel, and list. Thin: parsing is {@link PipelineRequestParser}'s, the work the
 * pipelines core's; handlers return futures, so a waiting request holds no servlet thread.
 */
@RestController
@RequestMapping(PipelinesController.PATH)
public class PipelinesController {

    public static final String PATH = "/v1/pipelines";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final FabricPipelines pipelines;
    private final PipelineWaits waits;
    private final PipelineCancellations cancellations;
    private final RecentPipelines recent;
    private final PipelineRequestParser parser;
    private final CallRequestParser calls;
    private final PipelineViewRenderer renderer;

    public PipelinesController(
            FabricPipelines pipelines,
            PipelineWaits waits,
            PipelineCancellations cancellations,
            RecentPipelines recent,
            CallRequestParser calls,
            GatewayProperties properties) {
        this.pipelines = pipelines;
        this.waits = waits;
        this.cancellations = cancellations;
        this.recent = recent;
        this.parser = new PipelineRequestParser(calls, properties.cache().policy());
        this.calls = calls;
        this.renderer = new PipelineViewRenderer();
    }

    /** Submits a pipeline: 202 once it is on {@code fabric.pipelines}; 200 when it ended within its {@code wait}. */
    @PostMapping
    public CompletableFuture<ResponseEntity<PipelineView>> submit(
            InputStream body,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller)
            throws IOException {
        PipelineSubmission submission =
                parser.read(body).withCaller(caller).withIdempotencyKey(calls.idempotencyKey(idempotencyKey));
        return pipelines
                .submit(submission)
                .thenApply(status -> answer(status, submission.requestedWait())
                        .location(URI.create(PATH + "/" + status.getPipelineId()))
                        .body(renderer.render(status)));
    }

    /** The pipeline as it stands; with {@code ?wait=}, held until it ends or the wait passes. */
    @GetMapping("/{pipelineId}")
    public CompletableFuture<ResponseEntity<PipelineView>> get(
            @PathVariable String pipelineId, @RequestParam(name = "wait", required = false) String wait) {
        Optional<RequestedWait> requested = calls.waitParameter(wait);
        return waits.find(pipelineId, requested.map(RequestedWait::duration))
                .thenApply(status ->
                        WaitCapHeader.on(ResponseEntity.ok(), requested).body(renderer.render(status)));
    }

    /** Cancels the pipeline: 202 once the cancel is on its topic; with {@code ?wait=}, 200 once it ended. */
    @DeleteMapping("/{pipelineId}")
    public CompletableFuture<ResponseEntity<PipelineView>> cancel(
            @PathVariable String pipelineId,
            @RequestParam(name = "wait", required = false) String wait,
            @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller) {
        Optional<RequestedWait> requested = calls.waitParameter(wait);
        return cancellations
                .cancel(pipelineId, caller, requested.map(RequestedWait::duration))
                .thenApply(status -> answer(status, requested).body(renderer.render(status)));
    }

    /**
     * This gateway's most recent pipelines, newest first; {@code caller} keeps one caller's (a non-admin's list is
     * always its own).
     */
    @GetMapping
    public PipelineView.ListView list(
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "caller", required = false) String caller) {
        int n = limit(limit);
        return new PipelineView.ListView(
                recent.newest(n, status -> caller == null || Objects.equals(caller, status.getCaller())).stream()
                        .map(renderer::render)
                        .toList());
    }

    private static ResponseEntity.BodyBuilder answer(PipelineStatus status, Optional<RequestedWait> wait) {
        return WaitCapHeader.on(
                PipelineStatuses.isTerminal(status) ? ResponseEntity.ok() : ResponseEntity.accepted(), wait);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(
                "limit must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + text + "\"");
    }
}
