package dev.computefabric.executor.dispatch;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.kafka.CallPartitions;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes one record of a capability topic into a {@link FuncCall}, or says why it cannot. The consumer
 * reads raw bytes and this decodes per record, so a bad record is one dead letter, not a stuck partition.
 */
public final class CallDecoder {

    private static final Schema READER = SpecificRecords.schemaOf(FuncCall.class);

    private final SchemaLookup schemas;
    private final CallPartitions partitions;
    private final Map<Integer, SpecificDatumReader<FuncCall>> readers = new ConcurrentHashMap<>();

    public CallDecoder(SchemaLookup schemas) {
        this(schemas, new CallPartitions());
    }

    /** @param partitions learns where each call was read from, so its events and result follow it there */
    public CallDecoder(SchemaLookup schemas, CallPartitions partitions) {
        this.schemas = schemas;
        this.partitions = partitions;
    }

    public Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return new Decoded.Poison(
                    "the value is null (a tombstone); a call is an Avro FuncCall in the Confluent wire format");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        int schemaId;
        try {
            schemaId = WireFormat.readHeader(buffer);
        } catch (SerializationException e) {
            return new Decoded.Poison(e.getMessage());
        }
        Schema writer;
        try {
            writer = schemas.byId(schemaId);
        } catch (SchemaLookup.UnknownSchemaException e) {
            return new Decoded.Poison(e.getMessage());
        } catch (RuntimeException e) {
            return new Decoded.Unavailable("cannot fetch writer schema " + schemaId + ": " + e.getMessage());
        }
        FuncCall call;
        try {
            SpecificDatumReader<FuncCall> reader =
                    readers.computeIfAbsent(schemaId, id -> new SpecificDatumReader<>(writer, READER));
            call = reader.read(
                    null, DecoderFactory.get().binaryDecoder(value, buffer.position(), buffer.remaining(), null));
        } catch (Exception e) {
            // Truncated bytes, or a writer schema that is not a compatible FuncCall (e.g. a FuncResult).
            return new Decoded.Poison(
                    "not a FuncCall (writer schema " + schemaId + " " + writer.getFullName() + "): " + e);
        }
        if (call.getCallId() == null || call.getCallId().isBlank()) {
            return new Decoded.Poison("the FuncCall has an empty callId; its result could not be matched to it");
        }
        partitions.remember(call.getCallId(), record.partition());
        return new Decoded.Call(call);
    }
}
