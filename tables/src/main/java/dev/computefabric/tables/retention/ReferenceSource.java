package dev.computefabric.tables.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Where the retention sweep learns which tables are still referenced. */
@FunctionalInterface
public interface ReferenceSource {

    /**
     * The hashes of every stored table still referenced at {@code now}. Throws when that cannot be known
     * completely: a sweep must never remove a table because it missed a reference.
     */
    Set<String> referenced(Instant now, Duration retention);
}
