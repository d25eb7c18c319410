package dev.computefabric.registry;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Parses schema text with Avro's own parser, which validates names and defaults. */
public final class AvroSchemas {

    private AvroSchemas() {}

    /** The parsed schema, or a {@link RegistryException} (42201) with the parser's reason. */
    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (AvroRuntimeException e) {
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }

    /**
     * The form the registry stores and compares: Avro's JSON rendering of the parsed schema. Whitespace and
     * key order no longer matter, while docs, defaults and aliases still do, as they do for Confluent.
     */
    public static String canonical(Schema schema) {
        return schema.toString();
    }
}
