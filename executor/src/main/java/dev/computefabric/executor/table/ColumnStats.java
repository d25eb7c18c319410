package dev.computefabric.executor.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Statistics of one column, accumulated value by value: the count of non-empty values, and min, max
 * and mean when every non-empty value is a number. Empty means missing, null, or blank text.
 */
public final class ColumnStats {

    /** A plain decimal number; stricter than {@link Double#parseDouble}, which also takes "NaN", "0x1p3" or "1d". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private long count;
    private boolean numeric = true;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private double compensation;

    /** Adds a CSV cell: blank cells are empty, cells that read as a decimal number are numbers. */
    public void addCell(String cell) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return;
        }
        if (NUMBER.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                addNumber(value);
                return;
            }
        }
        addText();
    }

    public void addNumber(double value) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        // Neumaier summation: the mean of a long column stays exact to the last digits.
        double total = sum + value;
        compensation += Math.abs(sum) >= Math.abs(value) ? (sum - total) + value : (value - total) + sum;
        sum = total;
    }

    /** Adds a non-empty value that is not a number: the column is then not numeric. */
    public void addText() {
        count++;
        numeric = false;
    }

    public long count() {
        return count;
    }

    /** Whether the column has values and all of them are numbers. */
    public boolean numeric() {
        return numeric && count > 0;
    }

    /** {@code {"count": n, "min": .., "max": .., "mean": ..}}, the last three null unless {@link #numeric()}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("count", count);
        if (numeric()) {
            json.put("min", min).put("max", max).put("mean", (sum + compensation) / count);
        } else {
            json.putNull("min").putNull("max").putNull("mean");
        }
        return json;
    }
}
