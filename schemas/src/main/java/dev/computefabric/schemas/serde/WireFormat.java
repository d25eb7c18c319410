package dev.computefabric.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: one magic byte {@code 0}, the schema id as a 4-byte big-endian int,
 * then the Avro binary encoding of the value.
 */
public final class WireFormat {

    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** Reads the header of {@code payload} and returns the schema id; the buffer is left at the Avro body. */
    public static int readHeader(ByteBuffer payload) {
        if (payload.remaining() < HEADER_SIZE) {
            throw new SerializationException(
                    "not in Confluent wire format: " + payload.remaining() + " bytes, need at least " + HEADER_SIZE);
        }
        byte magic = payload.get();
        if (magic != MAGIC) {
            throw new SerializationException(
                    "not in Confluent wire format: magic byte " + magic + ", expected " + MAGIC);
        }
        return payload.getInt();
    }

    public static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC).putInt(schemaId);
    }
}
