package dev.computefabric.registry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the registry keeps its state: schema versions keyed by (subject, version), and compatibility
 * settings keyed by subject (or global).
 *
 * <p>The store holds facts and never decides: {@link SchemaRegistry} assigns versions and ids (next id =
 * {@link #maxId()} + 1) inside {@link #write}, then {@link #put}s the finished record. {@code write} is
 * where a store makes that decision safe: in one JVM a lock is enough; a store shared by several
 * registry instances ({@code KafkaSchemaStore}) runs the action on a view that no other instance can
 * change before the action's records are committed, and runs it again if one did. Every write must be
 * visible to reads on this store once it returns.
 *
 * <p>Implementations signal failures with {@link SchemaStoreException}; the HTTP layer answers 50001.
 */
public interface SchemaStore extends AutoCloseable {

    /**
     * Runs {@code action}, which reads this store and then writes to it, as one atomic step: no other write
     * lands between its reads and its writes. The action may run more than once and must have no other
     * side effects; reads inside it see the state before its own writes.
     */
    default <T> T write(Supplier<T> action) {
        synchronized (this) {
            return action.get();
        }
    }

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
