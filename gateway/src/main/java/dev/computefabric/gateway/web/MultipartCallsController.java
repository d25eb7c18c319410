package dev.computefabric.gateway.web;

import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.CallSubmission;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.Calls;
import dev.computefabric.gateway.tables.MalformedMultipartException;
import dev.computefabric.gateway.tables.MultipartCalls;
import dev.computefabric.schemas.IdempotencyKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/calls} as {@code multipart/form-data}: part {@code call} holds the JSON request, every other
 * part is an input table of any size, streamed to storage as it arrives. Answers like the JSON form
 * ({@link CallsController#submit}).
 */
@RestController
public class MultipartCallsController {

    private final Calls calls;
    private final MultipartCalls multipart;
    private final CallRequestParser parser;
    private final CallViewRenderer renderer;

    public MultipartCallsController(
            Calls calls, MultipartCalls multipart, CallRequestParser parser, CallViewRenderer renderer) {
        this.calls = calls;
        this.parser = parser;
        this.multipart = multipart;
        this.renderer = renderer;
    }

    @PostMapping(path = CallsController.PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public CompletableFuture<ResponseEntity<CallView>> submit(HttpServletRequest request) throws IOException {
        // Checked before the body is read: a bad key must not cost the upload of its tables.
        String idempotencyKey = parser.idempotencyKey(request.getHeader(IdempotencyKeys.HEADER));
        CallSubmission submission = multipart
                .read(request.getInputStream(), boundary(request.getContentType()))
                .withIdempotencyKey(idempotencyKey);
        return calls.submit(submission.withCaller((Caller) request.getAttribute(Caller.ATTRIBUTE)))
                .thenApply(submitted -> WaitCapHeader.on(
                                submitted.call().isTerminal() ? ResponseEntity.ok() : ResponseEntity.accepted(),
                                submission.requestedWait())
                        .location(URI.create(
                                CallsController.PATH + "/" + submitted.call().callId()))
                        .body(renderer.render(submitted)));
    }

    static String boundary(String contentType) {
        String boundary;
        try {
            boundary = MediaType.parseMediaType(contentType).getParameter("boundary");
        } catch (InvalidMediaTypeException e) {
            throw new MalformedMultipartException(
                    "the Content-Type " + contentType + " cannot be read: " + e.getMessage());
        }
        if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        return boundary;
    }
}
