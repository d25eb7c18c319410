package dev.computefabric.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.computefabric.avro.FuncCall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serdes against a one-schema registry stub served over real HTTP, counting the calls it gets. */
class WireFormatTest {

    private static final int SCHEMA_ID = 42;
    private final AtomicInteger registryCalls = new AtomicInteger();
    private HttpServer registry;
    private FabricSerdes serdes;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/subjects/dev.computefabric.avro.FuncCall/versions", exchange ->
                respond(exchange, "{\"id\":" + SCHEMA_ID + "}"));
        registry.createContext("/schemas/ids/" + SCHEMA_ID, exchange ->
                respond(exchange, "{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(FuncCall.getClassSchema().toString()) + "}"));
        registry.start();
        serdes = new FabricSerdes(new SchemaRegistryClient("http://127.0.0.1:" + registry.getAddress().getPort()));
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    @Test
    void writesMagicByteSchemaIdThenAvroAndReadsItBack() {
        FuncCall call = call();
        byte[] bytes = serdes.serializer(FuncCall.class).serialize("fabric.calls.any", call);

        ByteBuffer header = ByteBuffer.wrap(bytes);
        assertThat(header.get()).isEqualTo(WireFormat.MAGIC);
        assertThat(header.getInt()).isEqualTo(SCHEMA_ID);
        assertThat(serdes.deserializer(FuncCall.class).deserialize("fabric.calls.any", bytes)).isEqualTo(call);
    }

    @Test
    void asksTheRegistryOnceAndServesTheRestFromItsCache() {
        AvroSerializer<FuncCall> serializer = serdes.serializer(FuncCall.class);
        AvroDeserializer<FuncCall> deserializer = serdes.deserializer(FuncCall.class);
        for (int i = 0; i < 10; i++) {
            deserializer.deserialize("t", serializer.serialize("t", call()));
        }
        // One registration; the id it returned already maps to the schema, so decoding asks nothing.
        assertThat(registryCalls).hasValue(1);
    }

    @Test
    void rejectsBytesThatAreNotInTheWireFormatAndSaysWhy() {
        assertThatThrownBy(() -> serdes.deserializer(FuncCall.class).deserialize("t", "{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serdes.deserializer(FuncCall.class).deserialize("t", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at least 5");
    }

    @Test
    void rejectsAnUnknownSchemaIdWithTheRegistrysAnswer() {
        byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(7).put((byte) 1).array();
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
                .setSubmittedAt(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }

    private void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        registryCalls.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
