package dev.computefabric.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The registry's rules, independent of HTTP: registration with compatibility checks, lookups, soft and
 * permanent deletes, and compatibility settings. Mirrors Confluent Schema Registry's behaviour for Avro.
 *
 * <p>Every write decides inside {@link SchemaStore#write}, so a version number or id is never handed out
 * twice (also by another registry instance sharing the store) and a compatibility check always sees the
 * versions it guards; the store only records the outcome.
 */
public final class SchemaRegistry {

    private final SchemaStore store;
    // Parsing is the costly part of a compatibility check; stored schemas never change.
    private final Map<String, Schema> parsedByCanonical = new ConcurrentHashMap<>();
    private final Map<String, String> canonicalByStored = new ConcurrentHashMap<>();

    public SchemaRegistry(SchemaStore store) {
        this.store = store;
    }

    /**
     * Registers {@code schemaText} under {@code subject}. Idempotent: a schema already live in the subject
     * returns its existing version; a schema known under another subject keeps its global id.
     */
    public SchemaVersion register(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = AvroSchemas.canonical(schema);
        // Most registrations are of schemas already there (every client registers on first use): answer those
        // from the current view, without the writer's transaction.
        Optional<SchemaVersion> known = find(live(store.versions(subject)), canonical);
        if (known.isPresent()) {
            return known.get();
        }
        return store.write(() -> {
            List<SchemaVersion> all = store.versions(subject);
            List<SchemaVersion> live = live(all);
            Optional<SchemaVersion> existing = find(live, canonical);
            if (existing.isPresent()) {
                return existing.get();
            }
            CompatibilityLevel level = compatibilityOf(subject);
            List<String> problems = incompatibilities(level, schema, level.versionsToCheck(live));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems);
            }
            int id = store.idOf(canonical).orElseGet(() -> store.maxId() + 1);
            // Versions of deleted entries are never reused: a client may still cache them.
            int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
            SchemaVersion created = new SchemaVersion(subject, version, id, canonical, false);
            store.put(created);
            parsedByCanonical.putIfAbsent(canonical, schema);
            return created;
        });
    }

    /** The live version of {@code subject} holding {@code schemaText}. */
    public SchemaVersion lookup(String subject, String schemaText) {
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText));
        return find(liveOrThrow(subject), canonical).orElseThrow(RegistryException::schemaNotFound);
    }

    public String schemaById(int id) {
        return store.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id));
    }

    /** Subjects with a live version; with {@code includeDeleted}, soft-deleted subjects too. */
    public List<String> subjects(boolean includeDeleted) {
        List<String> subjects = new ArrayList<>();
        for (String subject : store.subjects()) {
            if (includeDeleted || !live(store.versions(subject)).isEmpty()) {
                subjects.add(subject);
            }
        }
        return subjects;
    }

    public List<Integer> versions(String subject) {
        return liveOrThrow(subject).stream().map(SchemaVersion::version).toList();
    }

    public SchemaVersion version(String subject, VersionRef ref, boolean includeDeleted) {
        List<SchemaVersion> candidates = includeDeleted ? store.versions(subject) : live(store.versions(subject));
        if (candidates.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (ref.isLatest()) {
            return candidates.get(candidates.size() - 1);
        }
        return candidates.stream()
                .filter(v -> v.version() == ref.number())
                .findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, ref.number()));
    }

    /**
     * Soft-deletes every live version of {@code subject} (ids stay readable), or with {@code permanent}
     * removes a subject that was soft-deleted before, as Confluent requires. Returns the versions deleted.
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return store.write(() -> {
            List<SchemaVersion> all = store.versions(subject);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SchemaVersion> live = live(all);
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
                all.forEach(v -> store.remove(subject, v.version()));
                store.removeSubjectCompatibility(subject);
                return all.stream().map(SchemaVersion::version).toList();
            }
            if (live.isEmpty()) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            live.forEach(v -> store.put(v.asDeleted()));
            return live.stream().map(SchemaVersion::version).toList();
        });
    }

    /**
     * Why {@code schemaText} may not be registered next to {@code subject}'s versions at the subject's level:
     * against {@code ref}, or as registration would check when {@code ref} is latest or absent. Empty if it may.
     */
    public List<String> checkCompatibility(String subject, Optional<VersionRef> ref, String schemaText) {
        Schema candidate = AvroSchemas.parse(schemaText);
        List<SchemaVersion> live = live(store.versions(subject));
        if (ref.isPresent() && live.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        CompatibilityLevel level = compatibilityOf(subject);
        List<SchemaVersion> against = ref.isEmpty() || ref.get().isLatest()
                ? level.versionsToCheck(live)
                : List.of(version(subject, ref.get(), false));
        return incompatibilities(level, candidate, against);
    }

    public CompatibilityLevel globalCompatibility() {
        return store.globalCompatibility().orElse(CompatibilityLevel.DEFAULT);
    }

    public void setGlobalCompatibility(CompatibilityLevel level) {
        store.write(() -> {
            store.putGlobalCompatibility(level);
            return level;
        });
    }

    /** The subject's own level; without one, the global level if {@code defaultToGlobal}, else 40408. */
    public CompatibilityLevel subjectCompatibility(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = store.subjectCompatibility(subject);
        if (own.isEmpty() && !defaultToGlobal) {
            throw RegistryException.subjectConfigNotFound(subject);
        }
        return own.orElseGet(this::globalCompatibility);
    }

    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        store.write(() -> {
            store.putSubjectCompatibility(subject, level);
            return level;
        });
    }

    /** Removes the subject's own level, so the global one applies again; returns the removed level. */
    public CompatibilityLevel deleteSubjectCompatibility(String subject) {
        return store.write(() -> {
            CompatibilityLevel previous = subjectCompatibility(subject, false);
            store.removeSubjectCompatibility(subject);
            return previous;
        });
    }

    private CompatibilityLevel compatibilityOf(String subject) {
        return subjectCompatibility(subject, true);
    }

    private List<String> incompatibilities(CompatibilityLevel level, Schema candidate, List<SchemaVersion> against) {
        List<String> problems = new ArrayList<>();
        for (SchemaVersion existing : against) {
            Schema existingSchema = parsedByCanonical.computeIfAbsent(existing.schema(), AvroSchemas::parse);
            problems.addAll(level.incompatibilities(candidate, existing, existingSchema));
        }
        return problems;
    }

    private List<SchemaVersion> liveOrThrow(String subject) {
        List<SchemaVersion> live = live(store.versions(subject));
        if (live.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return live;
    }

    private static List<SchemaVersion> live(List<SchemaVersion> versions) {
        return versions.stream().filter(v -> !v.deleted()).toList();
    }

    private Optional<SchemaVersion> find(List<SchemaVersion> versions, String canonical) {
        return versions.stream()
                .filter(v -> canonicalOfStored(v.schema()).equals(canonical))
                .findFirst();
    }

    /** Stored text in today's canonical form: the same text, unless it was stored before normalization existed. */
    private String canonicalOfStored(String stored) {
        return canonicalByStored.computeIfAbsent(stored, AvroSchemas::canonical);
    }
}
