package dev.computefabric.executor.testing;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.dispatch.SchemaLookup;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.testing.PlainAvro;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Records of capability topics as the consumer hands them over, and a registry that knows two schemas. */
public final class TestRecords {

    public static final String TOPIC = "fabric.calls.any";
    public static final int FUNC_CALL_ID = 1;
    public static final int FUNC_RESULT_ID = 2;

    /** Knows FuncCall (id 1) and FuncResult (id 2); every other id is unknown. */
    public static final SchemaLookup SCHEMAS = schemas(Map.of(
            FUNC_CALL_ID, SpecificRecords.schemaOf(FuncCall.class),
            FUNC_RESULT_ID, SpecificRecords.schemaOf(FuncResult.class)));

    /** A registry that cannot be reached. */
    public static final SchemaLookup UNREACHABLE = id -> {
        throw new SerializationException("schema registry http://127.0.0.1:1/ unreachable to look up schema id " + id);
    };

    private TestRecords() {}

    public static ConsumerRecord<byte[], byte[]> call(int partition, long offset, FuncCall call) {
        return raw(partition, offset, call.getCallId(), PlainAvro.bytes(call, FUNC_CALL_ID));
    }

    public static ConsumerRecord<byte[], byte[]> raw(int partition, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(
                TOPIC, partition, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** A record of {@code topic}'s partition 0 as a share consumer hands it over, delivered {@code deliveries} times. */
    public static ConsumerRecord<byte[], byte[]> delivered(
            String topic, long offset, byte[] key, byte[] value, int deliveries) {
        return shared(topic, offset, key, value, Optional.of((short) deliveries));
    }

    /** A record of {@code topic}'s partition 0 as produced: a share group counts its deliveries. */
    public static ConsumerRecord<byte[], byte[]> produced(String topic, long offset, byte[] key, byte[] value) {
        return shared(topic, offset, key, value, Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> shared(
            String topic, long offset, byte[] key, byte[] value, Optional<Short> deliveries) {
        return new ConsumerRecord<>(
                topic,
                0,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                key,
                value,
                new RecordHeaders(),
                Optional.empty(),
                deliveries);
    }

    private static SchemaLookup schemas(Map<Integer, Schema> known) {
        return id -> {
            Schema schema = known.get(id);
            if (schema == null) {
                throw new SchemaLookup.UnknownSchemaException("schema id " + id + " is unknown to the registry");
            }
            return schema;
        };
    }
}
