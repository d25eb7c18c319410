package dev.computefabric.registry.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.registry.CompatibilityLevel;
import dev.computefabric.registry.InMemorySchemaStore;
import dev.computefabric.registry.SchemaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The records of the schema topic: JSON keys and values, one key per fact, so compaction keeps exactly
 * the latest value of each fact and a tombstone removes it.
 *
 * <ul>
 *   <li>{@code {"keytype":"SCHEMA","subject":s,"version":v}} → the {@link SchemaVersion}; tombstone: permanently deleted
 *   <li>{@code {"keytype":"ID","id":n}} → {@code {"id":n,"schema":…}}; never deleted, so ids outlive their versions
 *       and are never handed out again, also after compaction
 *   <li>{@code {"keytype":"CONFIG","subject":s|null}} → {@code {"compatibilityLevel":…}}; tombstone: level removed
 * </ul>
 * Keys of another type are skipped, so a newer registry may add facts an older one ignores.
 */
final class SchemaLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLog() {}

    static byte[] schemaKey(String subject, int version) {
        return bytes(JSON.createObjectNode()
                .put("keytype", "SCHEMA")
                .put("subject", subject)
                .put("version", version));
    }

    static byte[] schemaValue(SchemaVersion v) {
        return bytes(JSON.createObjectNode()
                .put("subject", v.subject())
                .put("version", v.version())
                .put("id", v.id())
                .put("schema", v.schema())
                .put("deleted", v.deleted()));
    }

    static byte[] idKey(int id) {
        return bytes(JSON.createObjectNode().put("keytype", "ID").put("id", id));
    }

    static byte[] idValue(int id, String schema) {
        return bytes(JSON.createObjectNode().put("id", id).put("schema", schema));
    }

    /** {@code subject} null is the global level. */
    static byte[] configKey(String subject) {
        return bytes(JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject));
    }

    static byte[] configValue(CompatibilityLevel level) {
        return bytes(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    /** Applies one record of the topic to {@code view}; {@code value} null is a tombstone. */
    static void apply(byte[] key, byte[] value, InMemorySchemaStore view) {
        JsonNode k = parse(key);
        switch (k.path("keytype").asText()) {
            case "SCHEMA" -> {
                if (value == null) {
                    view.remove(k.path("subject").asText(), k.path("version").asInt());
                } else {
                    JsonNode v = parse(value);
                    view.put(new SchemaVersion(
                            v.path("subject").asText(),
                            v.path("version").asInt(),
                            v.path("id").asInt(),
                            v.path("schema").asText(),
                            v.path("deleted").asBoolean()));
                }
            }
            case "ID" -> {
                if (value != null) {
                    JsonNode v = parse(value);
                    view.putId(v.path("id").asInt(), v.path("schema").asText());
                }
            }
            case "CONFIG" -> applyConfig(k.path("subject"), value, view);
            default -> {
                // A fact this version does not know: skip it (see the class comment).
            }
        }
    }

    private static void applyConfig(JsonNode subject, byte[] value, InMemorySchemaStore view) {
        boolean global = subject.isMissingNode() || subject.isNull();
        if (value == null) {
            if (global) {
                view.removeGlobalCompatibility();
            } else {
                view.removeSubjectCompatibility(subject.asText());
            }
            return;
        }
        CompatibilityLevel level = CompatibilityLevel.valueOf(
                parse(value).path("compatibilityLevel").asText());
        if (global) {
            view.putGlobalCompatibility(level);
        } else {
            view.putSubjectCompatibility(subject.asText(), level);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record in the schema topic", e);
        }
    }
}
