package dev.computefabric.gateway.tables;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.CallSubmission;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.gateway.calls.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code POST /v1/calls} as {@code multipart/form-data}: the part named {@code call} is the JSON request,
 * every other part is an input table named after its part, its format taken from the part's content type or
 * its file name's extension. Table parts stream through: small ones end up inline in the call, larger ones in
 * storage, whatever their size (no request-size limit applies to them).
 *
 * <p>Send {@code call} first: an invalid request, or a call to a function no node offers, is then refused before any
 * table is read. Tables already
 * stored when a later part turns out wrong stay in storage unreferenced, until the retention sweep removes them.
 */
public final class MultipartCalls {

    public static final String CALL_PART = "call";
    public static final int MAX_TABLE_PARTS = 100;
    public static final int MAX_TABLE_NAME_LENGTH = CallRequestParser.MAX_TABLE_NAME_LENGTH;

    private final CallRequestParser parser;
    private final TableUploads uploads;
    private final Consumer<String> functionCheck;

    public MultipartCalls(CallRequestParser parser, TableUploads uploads) {
        this(parser, uploads, function -> {});
    }

    /**
     * @param functionCheck refuses (throws) a function that cannot be called, right after the {@code call} part: a
     *                      call to an unknown function then stores none of its tables
     */
    public MultipartCalls(CallRequestParser parser, TableUploads uploads, Consumer<String> functionCheck) {
        this.parser = parser;
        this.uploads = uploads;
        this.functionCheck = functionCheck;
    }

    public CallSubmission read(InputStream body, String boundary) {
        MultipartReader reader = new MultipartReader(body, boundary);
        CallSubmission call = null;
        Map<String, TableInput> tables = new LinkedHashMap<>();
        try {
            for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                String name = part.name();
                if (name == null || name.isBlank()) {
                    throw new InvalidRequestException(
                            "every part needs a name (Content-Disposition: form-data; name=\"...\"):" + " \""
                                    + CALL_PART + "\" for the request, the table's name for a table");
                }
                if (name.equals(CALL_PART)) {
                    if (call != null) {
                        throw new InvalidRequestException("the body has two parts named \"" + CALL_PART + "\"");
                    }
                    call = parser.read(part.body());
                    functionCheck.accept(call.function());
                    refuseClashes(call, tables);
                    continue;
                }
                tables.put(name, table(part, call, tables));
            }
        } catch (IOException e) {
            throw new UploadTruncatedException(
                    "the multipart body broke off (" + e.getMessage() + "); send it again", e);
        }
        if (call == null) {
            throw new InvalidRequestException("the multipart body has no part named \"" + CALL_PART
                    + "\": send the request" + " JSON, e.g. {\"function\": \"table.describe\"}, in a part named \""
                    + CALL_PART + "\" and each table in a part named after it");
        }
        Map<String, TableInput> all = new LinkedHashMap<>(call.tables());
        all.putAll(tables);
        return call.withTables(all);
    }

    private TableInput table(MultipartReader.Part part, CallSubmission call, Map<String, TableInput> tables) {
        String name = part.name();
        if (name.length() > MAX_TABLE_NAME_LENGTH) {
            throw new InvalidRequestException("table names must be 1 to " + MAX_TABLE_NAME_LENGTH
                    + " characters, got a part named \"" + name.substring(0, 40) + "...\"");
        }
        if (tables.containsKey(name)) {
            throw new InvalidRequestException(
                    "the body has two parts named \"" + name + "\"; every table needs its own name");
        }
        if (call != null && call.tables().containsKey(name)) {
            throw clash(name);
        }
        if (tables.size() == MAX_TABLE_PARTS) {
            throw new InvalidRequestException("a call takes at most " + MAX_TABLE_PARTS + " table parts");
        }
        TableFormat format = TableFormats.byMediaType(part.contentType())
                .or(() -> TableFormats.byFileName(part.fileName()))
                .orElseThrow(() -> new InvalidRequestException("cannot tell the format of table part \"" + name + "\" ("
                        + (part.contentType() == null ? "no Content-Type" : "Content-Type " + part.contentType()) + ", "
                        + (part.fileName() == null ? "no file name" : "file name " + part.fileName())
                        + "): send it with Content-Type "
                        + TableFormats.CSV_MEDIA_TYPE + " or " + TableFormats.JSONL_MEDIA_TYPE
                        + ", or a file name ending in .csv or .jsonl"));
        TableUploads.Received received = uploads.receive(part.body(), format, "table part \"" + name + "\"");
        return received.sha256() == null
                ? new TableInput(format, received.content())
                : TableInput.stored(format, received.sha256());
    }

    private static void refuseClashes(CallSubmission call, Map<String, TableInput> tables) {
        for (String name : tables.keySet()) {
            if (call.tables().containsKey(name)) {
                throw clash(name);
            }
        }
    }

    private static InvalidRequestException clash(String name) {
        return new InvalidRequestException("table \"" + name
                + "\" is both in the request's \"tables\" and a part of its own;" + " send it one way");
    }
}
