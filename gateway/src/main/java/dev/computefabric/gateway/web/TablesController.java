package dev.computefabric.gateway.web;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.InvalidRequestException;
import dev.computefabric.gateway.tables.TableFormats;
import dev.computefabric.gateway.tables.TableGrants;
import dev.computefabric.gateway.tables.TableUploads;
import dev.computefabric.schemas.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/tables}: the raw body is one table, streamed to storage under its SHA-256 and answered with
 * its reference ({@code 201}); a table already stored is not stored again. Calls then name it by hash:
 * {@code "tables": {"data": {"format": "csv", "sha256": "<hex>"}}}.
 *
 * <p>The query string is read by hand, never through request parameters: for a body sent as
 * {@code application/x-www-form-urlencoded} (what {@code curl --data-binary} sends unless told otherwise) the
 * servlet container would read the table itself as form fields.
 */
@RestController
public class TablesController {

    public static final String PATH = "/v1/tables";
    public static final String SHA256_HEADER = "X-Content-SHA256";
    static final String FORMAT_PARAMETER = "format";

    private final TableUploads uploads;
    private final ObjectProvider<TableGrants> grants;

    /** @param grants with authentication on: an uploaded table becomes its uploader's to use */
    public TablesController(TableUploads uploads, ObjectProvider<TableGrants> grants) {
        this.uploads = uploads;
        this.grants = grants;
    }

    @PostMapping(PATH)
    public ResponseEntity<TableRefView> upload(
            HttpServletRequest request, @RequestAttribute(name = Caller.ATTRIBUTE, required = false) Caller caller)
            throws IOException {
        TableFormat format =
                format(QueryParameters.first(request.getQueryString(), FORMAT_PARAMETER), request.getContentType());
        String announced = announcedSha256(request.getHeader(SHA256_HEADER));
        TableRef ref = uploads.upload(request.getInputStream(), format, announced);
        if (caller != null) {
            grants.ifAvailable(tables -> tables.uploaded(ref.getSha256(), caller));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(TableRefView.of(ref));
    }

    static TableFormat format(Optional<String> parameter, String contentType) {
        Optional<TableFormat> byType = TableFormats.byMediaType(contentType);
        if (parameter.isPresent()) {
            TableFormat named = TableFormats.byName(parameter.get())
                    .orElseThrow(() -> new InvalidRequestException(
                            "format must be " + TableFormats.known() + ", got \"" + parameter.get() + "\""));
            if (byType.isPresent() && byType.get() != named) {
                throw new InvalidRequestException("?format=" + parameter.get() + " contradicts Content-Type "
                        + contentType + "; send one, or make them agree");
            }
            return named;
        }
        return byType.orElseThrow(() -> new InvalidRequestException("cannot tell the table's format from Content-Type "
                + contentType + ": send Content-Type " + TableFormats.CSV_MEDIA_TYPE + " or "
                + TableFormats.JSONL_MEDIA_TYPE
                + ", or add ?format=csv or ?format=jsonl"));
    }

    static String announcedSha256(String header) {
        if (header == null) {
            return null;
        }
        String hex = Sha256.normalize(header);
        if (hex == null) {
            throw new InvalidRequestException(
                    SHA256_HEADER + " must be the table's SHA-256 as 64 hex digits, got \"" + header + "\"");
        }
        return hex;
    }
}
