package dev.computefabric.executor.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code table.describe} answers: {@code {"rows": N, "columns": {"<col>": ColumnStats}}}, columns in
 * the order they were first seen.
 */
public final class TableSummary {

    private final Map<String, ColumnStats> columns = new LinkedHashMap<>();
    private long rows;

    /** The column {@code name}, added at the end if new. */
    public ColumnStats column(String name) {
        return columns.computeIfAbsent(name, n -> new ColumnStats());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    public void countRow() {
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Adds {@code other}'s rows and columns, as if its rows had followed these; new columns go at the end. */
    public void merge(TableSummary other) {
        rows += other.rows;
        other.columns.forEach((name, stats) -> column(name).merge(stats));
    }

    /**
     * The summary {@link #toJson()} wrote, to {@link #merge} those of a table's parts.
     *
     * @throws IllegalArgumentException when {@code json} is not what {@link #toJson()} writes, saying what is wrong
     */
    public static TableSummary fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("must be an object {\"rows\": .., \"columns\": {..}}, got " + json);
        }
        JsonNode rows = json.get("rows");
        if (rows == null || !rows.isIntegralNumber() || !rows.canConvertToLong() || rows.longValue() < 0) {
            throw new IllegalArgumentException("\"rows\" must be a whole number >= 0, got " + rows);
        }
        JsonNode columns = json.get("columns");
        if (columns == null || !columns.isObject()) {
            throw new IllegalArgumentException("\"columns\" must be an object, got " + columns);
        }
        TableSummary summary = new TableSummary();
        summary.rows = rows.longValue();
        for (Map.Entry<String, JsonNode> column : columns.properties()) {
            try {
                summary.columns.put(column.getKey(), ColumnStats.fromJson(column.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column '" + column.getKey() + "': " + e.getMessage(), e);
            }
        }
        return summary;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("rows", rows);
        ObjectNode byName = json.putObject("columns");
        columns.forEach((name, stats) -> byName.set(name, stats.toJson()));
        return json;
    }
}
