package dev.computefabric.executor.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.schemas.StrictJson;
import java.util.Optional;

/**
 * A call's arguments (the JSON object in {@code FuncCall.args}) with typed accessors whose errors tell
 * the caller exactly which field is wrong and what would be right.
 */
public final class Args {

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private final String function;
    private final ObjectNode json;

    private Args(String function, ObjectNode json) {
        this.function = function;
        this.json = json;
    }

    /** Parses {@code text}, which must be a JSON object; blank text counts as {@code {}}. */
    public static Args parse(String function, String text) {
        if (text == null || text.isBlank()) {
            return new Args(function, JSON.createObjectNode());
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadArgumentsException(function + ": args are not valid JSON (" + e.getOriginalMessage()
                    + "); pass a JSON object such as {}");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadArgumentsException(function + ": args must be a JSON object, got " + describe(node)
                    + "; pass a JSON object such as {}");
        }
        return new Args(function, object);
    }

    /** The arguments as they were passed. */
    public ObjectNode json() {
        return json;
    }

    /**
     * A required whole number within {@code [min, max]}.
     *
     * @param example a valid args object, quoted in the error message, e.g. {@code {"ms": 50}}
     */
    public long requiredLong(String field, long min, long max, String example) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw bad("\"" + field + "\" is required", example);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw bad("\"" + field + "\" must be a whole number, got " + describe(value), example);
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw bad("\"" + field + "\" must be between " + min + " and " + max + ", got " + number, example);
        }
        return number;
    }

    /** An optional string; present but not a string is an error. */
    public Optional<String> optionalString(String field, String example) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw bad("\"" + field + "\" must be a string, got " + describe(value), example);
        }
        return Optional.of(value.textValue());
    }

    /** A required JSON array, possibly empty. */
    public ArrayNode requiredArray(String field, String example) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw bad("\"" + field + "\" is required", example);
        }
        if (!(value instanceof ArrayNode array)) {
            throw bad("\"" + field + "\" must be an array, got " + describe(value), example);
        }
        return array;
    }

    /** An optional boolean with a fallback; present but not a boolean is an error. */
    public boolean optionalBoolean(String field, boolean fallback, String example) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw bad("\"" + field + "\" must be true or false, got " + describe(value), example);
        }
        return value.booleanValue();
    }

    private BadArgumentsException bad(String problem, String example) {
        return new BadArgumentsException(function + ": " + problem + "; for example " + example);
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
