package dev.computefabric.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

final class SpecificRecords {

    private SpecificRecords() {
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        Schema schema = SpecificData.get().getSchema(type);
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record");
        }
        return schema;
    }
}
