package dev.computefabric.gateway.web;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.calls.CallSnapshot;
import dev.computefabric.gateway.calls.Submitted;
import dev.computefabric.gateway.web.CallView.ErrorView;
import dev.computefabric.gateway.web.CallView.InlineTable;
import dev.computefabric.gateway.web.CallView.StoredTable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Renders a {@link CallSnapshot} as the {@link CallView} clients see. */
public final class CallViewRenderer {

    private static final Logger log = LoggerFactory.getLogger(CallViewRenderer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The answer to a submission: the call and the warnings the catalog had about it. */
    public CallView render(Submitted submitted) {
        return render(submitted.call()).withWarnings(submitted.warnings());
    }

    public CallView render(CallSnapshot call) {
        FuncResult result = call.result();
        if (result == null) {
            CallView.ProgressView progress = call.progress() == null
                    ? null
                    : new CallView.ProgressView(
                            call.progress().fraction(), call.progress().message());
            return new CallView(
                    call.callId(),
                    call.function(),
                    call.state().name(),
                    progress,
                    null,
                    null,
                    call.executorId(),
                    call.submittedAt().toString(),
                    null,
                    Map.of(),
                    null,
                    List.of(),
                    call.traceId());
        }
        ErrorView error = result.getError() == null
                ? null
                : new ErrorView(result.getError().getType(), result.getError().getMessage());
        return new CallView(
                call.callId(),
                call.function(),
                call.state().name(),
                null,
                output(call.callId(), result.getOutput()),
                error,
                call.executorId(),
                call.submittedAt().toString(),
                result.getFinishedAt().toString(),
                tables(call.callId(), result.getTables()),
                result.getCachedFrom(),
                List.of(),
                call.traceId());
    }

    /** {@code output}, JSON text of {@code callId}'s (or a pipeline step's), as JSON; null stays null. */
    static JsonNode output(String callId, String output) {
        if (output == null) {
            return null;
        }
        try {
            return JSON.readTree(output);
        } catch (JacksonException e) {
            // The contract says JSON; if an executor broke it, show the text rather than lose the result.
            log.warn(
                    "output of call {} is not valid JSON ({}); returning it as a string",
                    callId,
                    e.getOriginalMessage());
            return JsonNodeFactory.instance.stringNode(output);
        }
    }

    /** Output tables of {@code callId} as clients see them: inline with their text, or stored with their link. */
    static Map<String, Object> tables(String callId, Map<String, Table> tables) {
        Map<String, Object> views = new LinkedHashMap<>();
        tables.forEach((name, table) -> views.put(name, table(callId, name, table)));
        return views;
    }

    private static Object table(String callId, String name, Table table) {
        if (table.getData() instanceof TableRef ref) {
            return new StoredTable(
                    format(ref.getFormat()),
                    ref.getSizeBytes(),
                    ref.getSha256(),
                    OutputsController.href(callId, name),
                    ref.getUri());
        }
        ByteBuffer inline = ((ByteBuffer) table.getData()).duplicate();
        byte[] bytes = new byte[inline.remaining()];
        inline.get(bytes);
        return new InlineTable(format(table.getFormat()), bytes.length, new String(bytes, StandardCharsets.UTF_8));
    }

    private static String format(TableFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
