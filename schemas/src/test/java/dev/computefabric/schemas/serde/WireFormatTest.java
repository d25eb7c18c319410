package dev.computefabric.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.testing.TestSchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serdes against a registry served over real HTTP, counting the calls it gets. */
class WireFormatTest {

    private TestSchemaRegistry registry;
    private FabricSerdes serdes;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = TestSchemaRegistry.start();
        serdes = new FabricSerdes(new SchemaRegistryClient(registry.url()));
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void writesMagicByteSchemaIdThenAvroAndReadsItBack() {
        FuncCall call = call();
        byte[] bytes = serdes.serializer(FuncCall.class).serialize("fabric.calls.any", call);

        ByteBuffer header = ByteBuffer.wrap(bytes);
        assertThat(header.get()).isEqualTo(WireFormat.MAGIC);
        assertThat(header.getInt())
                .as("the id the registry gave the schema, registered as its .avsc states it")
                .isEqualTo(registry.idOf(
                        PortableSchema.of(FuncCall.getClassSchema()).toString()));
        assertThat(serdes.deserializer(FuncCall.class).deserialize("fabric.calls.any", bytes))
                .isEqualTo(call);
    }

    @Test
    void asksTheRegistryOnceAndServesTheRestFromItsCache() {
        AvroSerializer<FuncCall> serializer = serdes.serializer(FuncCall.class);
        AvroDeserializer<FuncCall> deserializer = serdes.deserializer(FuncCall.class);
        for (int i = 0; i < 10; i++) {
            deserializer.deserialize("t", serializer.serialize("t", call()));
        }
        // One registration; the id it returned already maps to the schema, so decoding asks nothing.
        assertThat(registry.requests()).isEqualTo(1);
    }

    @Test
    void rejectsBytesThatAreNotInTheWireFormatAndSaysWhy() {
        assertThatThrownBy(() -> serdes.deserializer(FuncCall.class)
                        .deserialize("t", "{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serdes.deserializer(FuncCall.class).deserialize("t", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at least 5");
    }

    @Test
    void rejectsAnUnknownSchemaIdWithTheRegistrysAnswer() {
        byte[] unknownId =
                ByteBuffer.allocate(6).put((byte) 0).putInt(7).put((byte) 1).array();
        assertThatThrownBy(() -> serdes.deserializer(FuncCall.class).deserialize("t", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HTTP 404")
                .isNotInstanceOf(SchemaRegistryUnavailableException.class);
    }

    private static FuncCall call() {
        return FuncCall.newBuilder()
                .setCallId("c1")
                .setFunction("echo")
                .setArgs("{\"x\":1}")
                .setRequirements(List.of("python"))
                .setTables(Map.of())
                .setReplyTo("fabric.replies.g1")
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }
}
