package dev.computefabric.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link SchemaStore} in this JVM's heap: state lives as long as the registry process. One lock guards
 * everything; registry traffic is a handful of requests per client start, never a hot path.
 */
public final class InMemorySchemaStore implements SchemaStore {

    private final Map<String, TreeMap<Integer, SchemaVersion>> versionsBySubject = new HashMap<>();
    // Ids outlive the versions that introduced them: a reader may still need a permanently deleted schema.
    private final Map<Integer, String> schemasById = new HashMap<>();
    // By canonical form, so a schema stored before normalization existed keeps its id (AvroSchemas.canonical).
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> compatibilityBySubject = new HashMap<>();
    private CompatibilityLevel globalCompatibility;
    private int maxId;

    @Override
    public synchronized void put(SchemaVersion version) {
        versionsBySubject
                .computeIfAbsent(version.subject(), s -> new TreeMap<>())
                .put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsBySchema.putIfAbsent(AvroSchemas.canonical(version.schema()), version.id());
        maxId = Math.max(maxId, version.id());
    }

    /** Records that {@code id} names {@code canonicalSchema}, also when no version holds it any more. */
    public synchronized void putId(int id, String canonicalSchema) {
        schemasById.putIfAbsent(id, canonicalSchema);
        idsBySchema.putIfAbsent(AvroSchemas.canonical(canonicalSchema), id);
        maxId = Math.max(maxId, id);
    }

    /** Forgets the global level, so {@link CompatibilityLevel#DEFAULT} applies again. */
    public synchronized void removeGlobalCompatibility() {
        globalCompatibility = null;
    }

    @Override
    public synchronized void remove(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = versionsBySubject.get(subject);
        if (versions != null) {
            versions.remove(version);
            if (versions.isEmpty()) {
                versionsBySubject.remove(subject);
            }
        }
    }

    @Override
    public synchronized List<SchemaVersion> versions(String subject) {
        TreeMap<Integer, SchemaVersion> versions = versionsBySubject.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    @Override
    public synchronized Set<String> subjects() {
        return new TreeSet<>(versionsBySubject.keySet());
    }

    @Override
    public synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    @Override
    public synchronized OptionalInt idOf(String canonicalSchema) {
        Integer id = idsBySchema.get(canonicalSchema);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public synchronized int maxId() {
        return maxId;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> globalCompatibility() {
        return Optional.ofNullable(globalCompatibility);
    }

    @Override
    public synchronized void putGlobalCompatibility(CompatibilityLevel level) {
        globalCompatibility = level;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(compatibilityBySubject.get(subject));
    }

    @Override
    public synchronized void putSubjectCompatibility(String subject, CompatibilityLevel level) {
        compatibilityBySubject.put(subject, level);
    }

    @Override
    public synchronized void removeSubjectCompatibility(String subject) {
        compatibilityBySubject.remove(subject);
    }

    @Override
    public void close() {
        // Nothing to release: the state goes with the heap.
    }
}
