package dev.computefabric.executor.table;

import com.fasterxml.jackson.databind.JsonNode;
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
        addToSum(value);
    }

    /**
     * Adds the values {@code other} counted, as if they had been added here: counts add, min of mins, max of
     * maxes, sums add (so the mean is weighted by count); text in either makes the column text.
     */
    public void merge(ColumnStats other) {
        count += other.count;
        numeric &= other.numeric;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        addToSum(other.sum);
        compensation += other.compensation;
    }

    /**
     * The statistics {@link #toJson()} wrote, to {@link #merge} those of a table's parts. A mean stands for
     * {@code mean * count} as the sum, exact to a few units in the last place.
     *
     * @throws IllegalArgumentException when {@code json} is not what {@link #toJson()} writes, saying what is wrong
     */
    public static ColumnStats fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(
                    "must be an object {\"count\": .., \"min\": .., \"max\": .., \"mean\": ..}");
        }
        JsonNode count = json.get("count");
        if (count == null || !count.isIntegralNumber() || !count.canConvertToLong() || count.longValue() < 0) {
            throw new IllegalArgumentException("\"count\" must be a whole number >= 0, got " + count);
        }
        ColumnStats stats = new ColumnStats();
        stats.count = count.longValue();
        JsonNode min = json.get("min");
        if (min == null || min.isNull()) {
            // No min: a text column, or one without values, which leaves a merged column numeric if it is.
            stats.numeric = stats.count == 0;
            return stats;
        }
        stats.min = number(json, "min");
        stats.max = number(json, "max");
        stats.sum = number(json, "mean") * stats.count;
        return stats;
    }

    private static double number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number when \"min\" is one, got " + value);
        }
        return value.doubleValue();
    }

    private void addToSum(double value) {
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
