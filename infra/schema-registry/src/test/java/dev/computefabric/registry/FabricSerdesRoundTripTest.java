package dev.computefabric.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fabric's own serdes (the Java SDK) against this registry, over HTTP. */
class FabricSerdesRoundTripTest {

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void aFuncCallWrittenByOneClientIsReadByAnotherThatOnlyKnowsTheRegistry() {
        FabricSerdes writer =
                new FabricSerdes(new SchemaRegistryClient(registry.url().toString()));
        FabricSerdes reader =
                new FabricSerdes(new SchemaRegistryClient(registry.url().toString()));
        FuncCall call = FuncCall.newBuilder()
                .setCallId("call-1")
                .setFunction("echo")
                .setArgs("{\"text\": \"hi\"}")
                .setTables(Map.of(
                        "input",
                        Table.newBuilder()
                                .setFormat(TableFormat.CSV)
                                .setData(ByteBuffer.wrap("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                                .build()))
                .setRequirements(List.of("python"))
                .setReplyTo("fabric.replies.gw-1")
                .setSubmittedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();

        byte[] bytes = writer.serializer(FuncCall.class).serialize("fabric.calls.python", call);
        FuncCall read = reader.deserializer(FuncCall.class).deserialize("fabric.calls.python", bytes);

        assertThat(read).isEqualTo(call);
        int id = WireFormat.readHeader(ByteBuffer.wrap(bytes));
        assertThat(registry.get("/subjects/dev.computefabric.avro.FuncCall/versions/latest")
                        .json()
                        .get("id")
                        .asInt())
                .isEqualTo(id);
    }

    @Test
    void eachRecordTypeIsRegisteredUnderItsFullNameWithItsOwnId() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url().toString());

        int callId = client.register("dev.computefabric.avro.FuncCall", FuncCall.getClassSchema());
        int resultId = client.register("dev.computefabric.avro.FuncResult", FuncResult.getClassSchema());

        assertThat(resultId).isNotEqualTo(callId);
        assertThat(registry.get("/subjects").json())
                .extracting(node -> node.asText())
                .containsExactly("dev.computefabric.avro.FuncCall", "dev.computefabric.avro.FuncResult");
    }
}
