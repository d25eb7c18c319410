package dev.computefabric.executor.table;

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

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("rows", rows);
        ObjectNode byName = json.putObject("columns");
        columns.forEach((name, stats) -> byName.set(name, stats.toJson()));
        return json;
    }
}
