package dev.computefabric.testing;

import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro in the Confluent wire format with a fixed schema id, and no registry: what tests produce and
 * read back instead of going through HTTP.
 */
public final class PlainAvro {

    private PlainAvro() {}

    public static <T extends SpecificRecord> Serializer<T> serializer(int schemaId) {
        return (topic, value) -> value == null ? null : bytes(value, schemaId);
    }

    public static <T extends SpecificRecord> byte[] bytes(T value, int schemaId) {
        return bytes(value, value.getSchema(), schemaId);
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> byte[] bytes(T value, Schema schema, int schemaId) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(WireFormat.MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            var encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<T>(schema).write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T extends SpecificRecord> T read(Class<T> type, byte[] wire) {
        Schema schema = SpecificRecords.schemaOf(type);
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        WireFormat.readHeader(buffer);
        try {
            return new SpecificDatumReader<T>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(wire, buffer.position(), buffer.remaining(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
