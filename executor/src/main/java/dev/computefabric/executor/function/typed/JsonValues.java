package dev.computefabric.executor.function.typed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.computefabric.avro.ParamType;
import java.util.Locale;

/** The checks and words shared by record and Avro arguments: a JSON value against a {@link ParamType}. */
final class JsonValues {

    /** Strict: "5" is not 5, and an unknown property in a nested object is an error, as at the top level. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private JsonValues() {}

    /** Null when {@code value} fits {@code type}, else what is wrong ({@code "must be a whole number, got ..."}). */
    static String mismatch(JsonNode value, ParamType type) {
        return switch (type) {
            case INT -> value.isIntegralNumber() ? null : "must be a whole number, got " + describe(value);
            case DOUBLE -> value.isNumber() ? null : "must be a number, got " + describe(value);
            case BOOL -> value.isBoolean() ? null : "must be true or false, got " + describe(value);
            case STRING -> value.isTextual() ? null : "must be a string, got " + describe(value);
            case JSON, DATAFRAME -> null;
        };
    }

    static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }

    /** Jackson's complaint without its source position, with the path inside the value when it has one. */
    static String reason(IllegalArgumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce("", String::concat);
            String message = mapping.getOriginalMessage();
            int cut = message.indexOf('\n');
            message = cut < 0 ? message : message.substring(0, cut);
            return path.isEmpty() ? message : "at " + path.substring(path.startsWith(".") ? 1 : 0) + ": " + message;
        }
        return cause.getMessage();
    }
}
