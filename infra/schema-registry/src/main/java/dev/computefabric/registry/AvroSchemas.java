package dev.computefabric.registry;

import dev.computefabric.schemas.serde.PortableSchema;
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
     * The form the registry stores and compares: Avro's JSON rendering of the parsed schema without the
     * properties only Avro's Java code reads ({@code avro.java.string}, {@code java-class}, ...). Whitespace,
     * key order and Java-only hints no longer matter, so the generated Java classes' schema and the
     * {@code .avsc} it came from are one schema with one id, as with Confluent's {@code normalize=true}; docs,
     * defaults, aliases and other properties still count, as they do for Confluent.
     */
    public static String canonical(Schema schema) {
        return PortableSchema.of(schema).toString();
    }

    /**
     * The canonical form of schema text the registry stored earlier: the same text for anything stored by this
     * version, the normalized form of a schema stored before normalization existed. Text that no longer
     * parses stays as it is.
     */
    public static String canonical(String storedText) {
        try {
            return canonical(new Schema.Parser().parse(storedText));
        } catch (AvroRuntimeException e) {
            return storedText;
        }
    }
}
