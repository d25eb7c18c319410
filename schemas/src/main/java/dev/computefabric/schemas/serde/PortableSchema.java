package dev.computefabric.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A schema as every language sees it: without the properties only Avro's Java code reads. The generated
 * classes carry {@code "avro.java.string": "String"} on every string (the build's {@code stringType}); a
 * Python or Go client registering the same {@code .avsc} has none, and a registry comparing texts would hand
 * it another id. The properties change nothing on the wire, so the fabric registers and compares without them.
 */
public final class PortableSchema {

    /** Properties Avro's Java code generator and reflection read: {@code avro.java.*} and {@code java-*}. */
    static final List<String> JAVA_ONLY_PREFIXES = List.of("avro.java.", "java-");

    private static final ObjectMapper JSON = new ObjectMapper();

    private PortableSchema() {}

    /** {@code schema} without Java-only properties, at every level; the same instance if it has none. */
    public static Schema of(Schema schema) {
        String text = schema.toString();
        if (JAVA_ONLY_PREFIXES.stream().noneMatch(prefix -> text.contains("\"" + prefix))) {
            return schema;
        }
        try {
            JsonNode tree = JSON.readTree(text);
            return new Schema.Parser().parse(strip(tree).toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Avro rendered a schema that is not JSON: " + text, e);
        }
    }

    /** Whether {@code name} is a property only Avro's Java code reads. */
    public static boolean isJavaOnly(String name) {
        return JAVA_ONLY_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> javaOnly = new ArrayList<>();
            for (var property : object.properties()) {
                if (isJavaOnly(property.getKey())) {
                    javaOnly.add(property.getKey());
                } else if (!property.getKey().equals("default")) {
                    // A default is data, not schema: a map default may hold any key.
                    strip(property.getValue());
                }
            }
            object.remove(javaOnly);
        } else if (node.isArray()) {
            node.forEach(PortableSchema::strip);
        }
        return node;
    }
}
