package dev.computefabric.tables;

import java.time.Instant;
import java.util.Objects;

/**
 * An object in table storage as a listing shows it: a table ({@code tables/<sha256>}) or a lease
 * ({@code leases/<sha256>}), its size and when it was last written.
 */
public record StoredObject(String sha256, long sizeBytes, Instant lastModified) {

    public StoredObject {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
