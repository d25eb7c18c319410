package dev.computefabric.registry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the registry keeps its state: schema versions keyed by (subject, version), and compatibility
 * settings keyed by subject (or global).
 *
 * <p>The store holds facts and never decides: {@link SchemaRegistry} assigns versions and ids (next id =
 * {@link #maxId()} + 1) under its own lock, then {@link #put}s the finished record. A store backed by a
 * compacted Kafka topic therefore only has to append each record under its key and materialise the topic;
 * replaying the topic rebuilds {@link #maxId()}, so ids stay dense and stable across restarts. Every
 * write must be visible to reads on this store once it returns.
 *
 * <p>Implementations signal failures with {@link SchemaStoreException}; the HTTP layer answers 50001.
 */
public interface SchemaStore extends AutoCloseable {

    /** Adds a version, or replaces the version with the same (subject, version), e.g. to soft-delete it. */
    void put(SchemaVersion version);

    /** Removes a version for good (a permanent delete); a compacted topic writes a tombstone. */
    void remove(String subject, int version);

    /** Every version of {@code subject}, soft-deleted ones included, oldest first; empty if unknown. */
    List<SchemaVersion> versions(String subject);

    /** Every subject with at least one version, soft-deleted ones included. */
    Set<String> subjects();

    /** The canonical schema text with global id {@code id}, under whichever subject it was first stored. */
    Optional<String> schemaById(int id);

    /** The global id of a canonical schema text, if any subject holds it. */
    OptionalInt idOf(String canonicalSchema);

    /** The highest id assigned so far, 0 when none. */
    int maxId();

    Optional<CompatibilityLevel> globalCompatibility();

    void putGlobalCompatibility(CompatibilityLevel level);

    Optional<CompatibilityLevel> subjectCompatibility(String subject);

    void putSubjectCompatibility(String subject, CompatibilityLevel level);

    void removeSubjectCompatibility(String subject);

    @Override
    void close();
}
