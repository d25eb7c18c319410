package dev.computefabric.gateway.web;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.OutputProperties;
import dev.computefabric.gateway.tables.OutputTables;
import dev.computefabric.gateway.tables.OutputTables.Output;
import dev.computefabric.gateway.tables.TableFormats;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/calls/{id}/outputs/{name}}: an output table of a finished call, streamed with its media type,
 * length and SHA-256 ({@code ETag} and {@code X-Content-SHA256}); a stored table is verified while it streams, and
 * a download whose bytes turn out wrong breaks off rather than end normally. With {@code fabric.outputs.redirect}
 * a stored table is a {@code 307} to a presigned S3 URL instead.
 *
 * <p>The handler writes to the response itself, on the request's thread: a download may take longer than any
 * asynchronous request timeout, and holds one servlet thread while it runs, like any servlet download.
 */
@RestController
public class OutputsController {

    public static final String PATH = CallsController.PATH + "/{callId}/outputs/{name}";
    static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final OutputTables outputs;
    private final OutputProperties properties;

    public OutputsController(OutputTables outputs, OutputProperties properties) {
        this.outputs = outputs;
        this.properties = properties;
    }

    /** The link a call's JSON shows for a stored output table. */
    public static String href(String callId, String name) {
        return CallsController.PATH + "/" + callId + "/outputs/"
                + org.springframework.web.util.UriUtils.encodePathSegment(
                        name, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping(PATH)
    public void download(
            @PathVariable String callId,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            HttpServletResponse response)
            throws IOException {
        Output output = outputs.find(callId, name);
        TableFormat format = output.table().getFormat();
        String etag = "\"" + output.sha256() + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(TablesController.SHA256_HEADER, output.sha256());
        if (etag.equals(ifNoneMatch)) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        if (properties.redirect() && output.stored()) {
            response.setStatus(HttpStatus.TEMPORARY_REDIRECT.value());
            response.setHeader(
                    HttpHeaders.LOCATION,
                    outputs.presign(output, properties.presignTtl(), TableFormats.mediaType(format))
                            .toString());
            return;
        }
        try (InputStream in = outputs.open(output)) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(TableFormats.mediaType(format));
            response.setContentLengthLong(output.sizeBytes());
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.inline()
                            .filename(
                                    name + "." + TableFormats.extension(format),
                                    java.nio.charset.StandardCharsets.UTF_8)
                            .build()
                            .toString());
            copyVerified(in, response.getOutputStream());
        }
    }

    /**
     * Copies {@code in} to {@code out}, always one read behind: a stored table is verified when its stream ends,
     * so the last bytes go out only after the check passed. A table that fails it leaves the response short of its
     * {@code Content-Length}, which every HTTP client reports as an error, instead of complete with wrong bytes.
     */
    static void copyVerified(InputStream in, OutputStream out) throws IOException {
        byte[] held = new byte[COPY_BUFFER_BYTES];
        byte[] next = new byte[COPY_BUFFER_BYTES];
        int heldBytes = in.read(held);
        while (heldBytes >= 0) {
            int nextBytes = in.read(next);
            out.write(held, 0, heldBytes);
            byte[] swap = held;
            held = next;
            next = swap;
            heldBytes = nextBytes;
        }
        out.flush();
    }
}
