package dev.computefabric.registry;

/**
 * One version of a subject: the unit the registry stores. A soft-deleted version keeps its id and schema
 * (readers may still need them) but is hidden from the subject's live versions.
 *
 * @param schema the canonical schema text (see {@link AvroSchemas#canonical})
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    public SchemaVersion {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be empty");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        if (id < 1) {
            throw new IllegalArgumentException("id must be >= 1, got " + id);
        }
        if (schema == null || schema.isEmpty()) {
            throw new IllegalArgumentException("schema must not be empty");
        }
    }

    public SchemaVersion asDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
