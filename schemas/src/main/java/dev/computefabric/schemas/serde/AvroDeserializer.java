package dev.computefabric.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a generated Avro record. The writer's schema is fetched by id
 * from the registry (once) and resolved against this build's schema, so records written with an older
 * or newer compatible schema decode. Anything else is a {@link SerializationException} that says why.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this.registry = registry;
        this.readerSchema = SpecificRecords.schemaOf(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int writerId = WireFormat.readHeader(buffer);
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(
                writerId, id -> new SpecificDatumReader<>(registry.schemaById(id), readerSchema));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "cannot decode " + readerSchema.getFullName() + " (writer schema id " + writerId + ") from topic "
                            + topic + ": " + e.getMessage(),
                    e);
        }
    }
}
