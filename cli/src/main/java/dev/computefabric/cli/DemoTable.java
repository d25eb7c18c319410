package dev.computefabric.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated CSV table whose statistics are known in closed form, so the demo and the tests can check
 * {@code table.describe} against numbers computed independently of the executor.
 *
 * <p>Row {@code i} (0-based) is {@code id=i+1, value=(i*37) % 1000, label=row<i>}. The {@code label}
 * column is text, so it has a count but no min, max or mean.
 */
public record DemoTable(int rows) {

    public DemoTable {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
    }

    public String csv() {
        StringBuilder csv = new StringBuilder("id,value,label\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i + 1)
                    .append(',')
                    .append(value(i))
                    .append(",row")
                    .append(i)
                    .append('\n');
        }
        return csv.toString();
    }

    /** What {@code table.describe} must answer for this table, as plain maps and numbers. */
    public Map<String, Object> expectedDescription() {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            int v = value(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("id", stats(rows, 1, rows, (rows + 1) / 2.0));
        columns.put("value", stats(rows, min, max, sum / rows));
        columns.put("label", stats(rows, null, null, null));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("rows", (long) rows);
        description.put("columns", columns);
        return description;
    }

    private static int value(int i) {
        return (int) ((i * 37L) % 1000);
    }

    private static Map<String, Object> stats(long count, Number min, Number max, Number mean) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", count);
        stats.put("min", min == null ? null : min.doubleValue());
        stats.put("max", max == null ? null : max.doubleValue());
        stats.put("mean", mean == null ? null : mean.doubleValue());
        return stats;
    }
}
