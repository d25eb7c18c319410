package dev.computefabric.executor.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Summarizes a JSON Lines table: one JSON object per line, read one at a time. Columns are the objects'
 * fields in order of first appearance. JSON keeps types, so only JSON numbers count as numbers: a
 * column holding {@code "12"} (a string) is text.
 */
public final class JsonLinesSummarizer {

    private static final ObjectReader ROWS = new ObjectMapper().readerFor(JsonNode.class);

    private JsonLinesSummarizer() {}

    public static TableSummary summarize(String tableName, InputStream in) throws IOException {
        TableSummary summary = new TableSummary();
        try (MappingIterator<JsonNode> rows = ROWS.readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (rows.hasNextValue()) {
                JsonNode row = rows.nextValue();
                if (!row.isObject()) {
                    throw new MalformedTableException("table '" + tableName + "' line "
                            + rows.getCurrentLocation().getLineNr() + ": expected a JSON object, got "
                            + row.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                }
                summary.countRow();
                for (Map.Entry<String, JsonNode> field : row.properties()) {
                    add(summary.column(field.getKey()), field.getValue());
                }
            }
        } catch (JsonProcessingException e) {
            throw new MalformedTableException("table '" + tableName + "' line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": not valid JSON: "
                    + e.getOriginalMessage());
        }
        return summary;
    }

    private static void add(ColumnStats column, JsonNode value) {
        if (value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            return;
        }
        if (value.isNumber()) {
            column.addNumber(value.doubleValue());
        } else {
            column.addText();
        }
    }
}
