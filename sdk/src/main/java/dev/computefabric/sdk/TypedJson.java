package dev.computefabric.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.schemas.StrictJson;
import java.io.IOException;
import java.util.Locale;

/** Typed arguments and outputs: a record (or map, or bean) to the args JSON object, an output back to a type. */
final class TypedJson {

    // A function that adds a field to its output must not break the callers that do not know it yet.
    private static final ObjectMapper JSON =
            StrictJson.MAPPER.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TypedJson() {}

    /** {@code args} as a JSON object; null is no arguments. */
    static JsonNode args(Object args) {
        JsonNode json = args == null ? JSON.createObjectNode() : JSON.valueToTree(args);
        if (!json.isObject()) {
            throw new IllegalArgumentException("args must become a JSON object (a record, a bean or a map), got "
                    + json.getNodeType().name().toLowerCase(Locale.ROOT) + " from "
                    + args.getClass().getName());
        }
        return json;
    }

    /** {@code output} read as a {@code type}. */
    static <T> T read(JsonNode output, Class<T> type) throws IOException {
        return JSON.treeToValue(output == null ? JSON.nullNode() : output, type);
    }

    static <T> T read(String output, Class<T> type) throws IOException {
        return read(output == null ? null : JSON.readTree(output), type);
    }
}
