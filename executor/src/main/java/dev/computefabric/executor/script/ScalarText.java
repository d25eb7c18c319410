package dev.computefabric.executor.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.computefabric.avro.ParamType;
import dev.computefabric.schemas.StrictJson;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Scalars as the text files scripts read and write ({@code $FABRIC_INPUTS/<name>}, {@code $FABRIC_OUTPUTS/<name>}):
 * an int in decimal, a double as a number, a bool as {@code true}/{@code false}, a string as itself, json as JSON
 * text. Every language can read that without a library.
 */
final class ScalarText {

    private static final ObjectMapper JSON = StrictJson.MAPPER;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScalarText() {}

    /** Null when {@code value} is a valid {@code type}, else what is wrong with it. */
    static String mismatch(JsonNode value, ParamType type) {
        return switch (type) {
            case INT -> value.isIntegralNumber() ? null : "must be a whole number, got " + describe(value);
            case DOUBLE -> value.isNumber() ? null : "must be a number, got " + describe(value);
            case BOOL -> value.isBoolean() ? null : "must be true or false, got " + describe(value);
            case STRING -> value.isTextual() ? null : "must be a string, got " + describe(value);
            case JSON -> null;
            case DATAFRAME -> "is a dataframe: send it as a table, not an argument";
        };
    }

    /** The text a script reads for {@code value}, which {@link #mismatch} accepted. */
    static String encode(JsonNode value, ParamType type) {
        return switch (type) {
            case STRING -> value.textValue();
            case INT, DOUBLE, BOOL, JSON -> value.toString();
            case DATAFRAME -> throw new IllegalArgumentException("a dataframe is a table, not text");
        };
    }

    /**
     * The value a script wrote for an output of {@code type}.
     *
     * @throws IllegalArgumentException the text is no such value; the message says what was found
     */
    static JsonNode decode(String text, ParamType type) {
        String trimmed = text.strip();
        switch (type) {
            case STRING:
                return NODES.textNode(text);
            case INT:
                try {
                    BigDecimal number = new BigDecimal(trimmed);
                    return NODES.numberNode(number.toBigIntegerExact());
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number, but the script set " + quote(text));
                }
            case DOUBLE:
                try {
                    double number = Double.parseDouble(trimmed);
                    if (!Double.isFinite(number)) {
                        throw new IllegalArgumentException("must be a finite number (JSON has no " + trimmed
                                + "), but the script set " + quote(text));
                    }
                    return NODES.numberNode(number);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number, but the script set " + quote(text));
                }
            case BOOL:
                return switch (trimmed.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> NODES.booleanNode(true);
                    case "false", "0" -> NODES.booleanNode(false);
                    default ->
                        throw new IllegalArgumentException("must be true or false, but the script set " + quote(text));
                };
            case JSON:
                try {
                    return JSON.readTree(trimmed);
                } catch (Exception e) {
                    throw new IllegalArgumentException("must be JSON text, but the script set " + quote(text));
                }
            default:
                throw new IllegalArgumentException("a dataframe is a table, not text");
        }
    }

    private static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return "'" + shown + "'";
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }
}
