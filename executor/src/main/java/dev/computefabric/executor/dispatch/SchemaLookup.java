package dev.computefabric.executor.dispatch;

import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Finds a writer schema by its registry id. Separates "no such schema" (the record is poison) from
 * "the registry cannot answer now" (try again, reported as {@link SchemaRegistryUnavailableException}).
 */
@FunctionalInterface
public interface SchemaLookup {

    /**
     * @throws UnknownSchemaException when the registry has no schema with this id
     * @throws RuntimeException       when the registry cannot be asked now
     */
    Schema byId(int id);

    /** The registry has no schema with the id a record names. */
    final class UnknownSchemaException extends RuntimeException {
        public UnknownSchemaException(String message) {
            super(message);
        }
    }

    static SchemaLookup of(SchemaRegistryClient registry) {
        return id -> {
            try {
                return registry.schemaById(id);
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (SerializationException e) {
                // Any other answer from the registry is about this id: it has no such schema.
                throw new UnknownSchemaException("schema id " + id + " is unknown to the registry " + registry.baseUrl()
                        + ": " + e.getMessage());
            }
        };
    }
}
