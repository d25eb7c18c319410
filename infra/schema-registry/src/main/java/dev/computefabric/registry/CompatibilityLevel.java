package dev.computefabric.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Which earlier versions of a subject a new schema must stay compatible with, and in which direction.
 * BACKWARD: the new schema reads data written with the old one (consumers upgrade first).
 * FORWARD: the old schema reads data written with the new one (producers upgrade first).
 * FULL: both. The TRANSITIVE variants check every live version, the others only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Parses a level name, case-insensitively; a {@link RegistryException} (42203) names the valid ones. */
    public static CompatibilityLevel parse(String name) {
        if (name == null) {
            throw RegistryException.invalidCompatibilityLevel(null);
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel(name);
        }
    }

    /** The versions this level checks a new schema against: all of them, or just the newest. */
    public List<SchemaVersion> versionsToCheck(List<SchemaVersion> liveVersionsOldestFirst) {
        if (transitive || liveVersionsOldestFirst.isEmpty()) {
            return liveVersionsOldestFirst;
        }
        return List.of(liveVersionsOldestFirst.get(liveVersionsOldestFirst.size() - 1));
    }

    /** Why {@code candidate} is not compatible with {@code existing} at this level; empty if it is. */
    public List<String> incompatibilities(Schema candidate, SchemaVersion existing, Schema existingSchema) {
        List<String> problems = new ArrayList<>();
        if (backward) {
            describe(
                    problems,
                    "reading data written with version " + existing.version(),
                    SchemaCompatibility.checkReaderWriterCompatibility(candidate, existingSchema));
        }
        if (forward) {
            describe(
                    problems,
                    "version " + existing.version() + " reading data written with the new schema",
                    SchemaCompatibility.checkReaderWriterCompatibility(existingSchema, candidate));
        }
        return problems;
    }

    private static void describe(
            List<String> problems, String direction, SchemaCompatibility.SchemaPairCompatibility result) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at '" + incompatibility.getLocation() + "' when " + direction
                    + ": " + incompatibility.getMessage());
        }
    }
}
