package dev.computefabric.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/** Access to generated Avro classes, with the fabric's own classes trusted by Avro's class validator. */
public final class SpecificRecords {

    /** The package the contract's classes are generated into. */
    public static final String GENERATED_PACKAGE = "dev.computefabric.avro";

    static {
        // Avro 1.12 refuses to instantiate classes it does not trust (a deserialization-gadget guard);
        // our generated classes are part of this build, so add them to whatever the JVM already trusts.
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(previous, type -> GENERATED_PACKAGE.equals(type.getPackageName())));
    }

    private SpecificRecords() {}

    /**
     * Makes Avro trust the fabric's generated classes. The serdes do this themselves; call it first in a
     * program that builds records (a builder filling a default of a generated type loads that class)
     * before it creates any serde. Idempotent.
     */
    public static void trustGeneratedClasses() {
        // Loading this class ran the static initialiser above; nothing else to do.
    }

    /** The schema of a generated record class; also makes Avro trust the fabric's generated classes. */
    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        Schema schema = SpecificData.get().getSchema(type);
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record");
        }
        return schema;
    }
}
