package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.tables.TableStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every way a table can go wrong: a clear 4xx at the gateway (truncated upload, hash mismatch, missing table),
 * FAILED with the reason at the executor (missing object, wrong bytes, wrong size), and never a partial object.
 */
@ExtendWith(SharedFabric.class)
class BadTablesIT {

    private LocalFabric fabric;
    private TableHttp gateway;
    private TableStore storage;

    @BeforeAll
    static void trustAvro() {
        SpecificRecords.trustGeneratedClasses();
    }

    @BeforeEach
    void connect(LocalFabric fabric) {
        this.fabric = fabric;
        this.gateway = new TableHttp(fabric.gatewayUrl());
        this.storage = new TableStore(LargeTablesIT.s3Of(fabric));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void anUploadCutOffBeforeItsContentLengthIsA400AndStoresNothing() {
        byte[] table = csv(100_000);
        byte[] sent = Arrays.copyOf(table, table.length / 3);
        long before = storage.listTables().count();

        TableHttp.Answer answer = gateway.sendTruncated(
                "POST /v1/tables HTTP/1.1\r\nHost: " + gateway.hostAndPort()
                        + "\r\nContent-Type: text/csv\r\nContent-Length: " + table.length + "\r\n\r\n",
                sent);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("upload_truncated");
        assertThat(answer.message()).contains("broke off").contains("nothing was stored");
        assertThat(storage.exists(TableHttp.sha256(sent))).isFalse();
        assertThat(storage.listTables().count()).isEqualTo(before);
    }

    @Test
    void aChunkedUploadWithoutItsLastChunkIsA400() {
        byte[] sent = Arrays.copyOf(csv(100_000), 50_000);

        TableHttp.Answer answer = gateway.sendTruncated(
                "POST /v1/tables HTTP/1.1\r\nHost: " + gateway.hostAndPort()
                        + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(sent.length) + "\r\n",
                sent);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("upload_truncated");
        assertThat(storage.exists(TableHttp.sha256(sent))).isFalse();
    }

    @Test
    void aMultipartCallCutOffInsideATableIsA400AndIsNotAccepted() {
        String boundary = "cut-" + UUID.randomUUID();
        byte[] whole = TableHttp.multipart(
                boundary,
                "call",
                "application/json",
                "{\"function\": \"table.describe\"}",
                "data",
                "text/csv",
                new String(csv(100_000), StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(whole, whole.length - 1_000);

        TableHttp.Answer answer = gateway.submitMultipart(cut, boundary);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("upload_truncated");
        assertThat(answer.body().has("callId")).isFalse();
    }

    @Test
    void anUploadWhoseBytesDoNotHaveTheAnnouncedHashIsA400AndStoresNothing() {
        byte[] table = csv(20_000);
        String announced = TableHttp.sha256(csv(20_001));
        long before = storage.listTables().count();

        TableHttp.Answer answer = gateway.upload(() -> new java.io.ByteArrayInputStream(table), "text/csv", announced);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("sha256_mismatch");
        assertThat(answer.message()).contains(announced).contains(TableHttp.sha256(table));
        assertThat(storage.exists(TableHttp.sha256(table))).isFalse();
        assertThat(storage.listTables().count()).isEqualTo(before);
    }

    @Test
    void aCallNamingATableThatIsNotStoredIsA400NamingTheHash() {
        String missing = TableHttp.sha256(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

        TableHttp.Answer answer = gateway.submit(LargeTablesIT.callByHash("table.describe", "data", "csv", missing));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("table_not_found");
        assertThat(answer.message()).contains("tables.data").contains(missing).contains("POST /v1/tables");
    }

    @Test
    void anOutputThatIsGoneFromStorageIsA410AndAnUnknownOneA404() {
        ObjectNode request = TableHttp.JSON
                .createObjectNode()
                .put("function", "table.generate")
                .put("wait", "60s");
        request.putObject("args").put("rows", 40_000 + new java.util.Random().nextInt(1000));
        JsonNode call = gateway.submit(request).body();
        assertThat(call.path("state").asText()).as("call %s", call).isEqualTo("FINISHED");
        String callId = call.path("callId").asText();
        storage.delete(call.path("tables").path("data").path("sha256").asText());

        TableHttp.Answer gone = gateway.get("/v1/calls/" + callId + "/outputs/data");
        TableHttp.Answer unknown = gateway.get("/v1/calls/" + callId + "/outputs/nope");

        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.error()).isEqualTo("output_gone");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("output_not_found");
        assertThat(unknown.message()).contains("it has data");
    }

    @Test
    void aCallWhoseTableIsMissingFromStorageFailsWithTheReason() throws Exception {
        String missing = TableHttp.sha256(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

        JsonNode call = produceDirectly("table.describe", ref(missing, 1_000));

        assertThat(call.path("state").asText()).as("call %s", call).isEqualTo("FAILED");
        assertThat(call.path("error").path("type").asText()).isEqualTo("BadTable");
        assertThat(call.path("error").path("message").asText())
                .contains(missing)
                .contains("does not exist");
    }

    @Test
    void aReferenceWithTheWrongSizeFailsTheCall() throws Exception {
        byte[] table = csv(30_000);
        String sha256 = gateway.upload(table, "text/csv").body().path("sha256").asText();

        JsonNode call = produceDirectly("table.describe", ref(sha256, table.length + 10));

        assertThat(call.path("state").asText()).as("call %s", call).isEqualTo("FAILED");
        assertThat(call.path("error").path("type").asText()).isEqualTo("BadTable");
        assertThat(call.path("error").path("message").asText())
                .contains("truncated")
                .contains(table.length + " bytes");
    }

    @Test
    void storedBytesThatDoNotMatchTheirHashFailTheCallAndTheCopyIsNotStored() {
        byte[] promised = csv(40_000);
        byte[] tampered = promised.clone();
        tampered[tampered.length / 2] = 'X';
        String sha256 = TableHttp.sha256(promised);
        try (S3Client s3 = LargeTablesIT.plainS3Of(fabric)) {
            s3.putObject(
                    b -> b.bucket(fabric.stack().s3Bucket()).key("tables/" + sha256), RequestBody.fromBytes(tampered));
        }

        JsonNode call = gateway.submit(LargeTablesIT.callByHash("table.copy", "data", "csv", sha256))
                .body();

        assertThat(call.path("state").asText()).as("call %s", call).isEqualTo("FAILED");
        assertThat(call.path("error").path("type").asText()).isEqualTo("BadTable");
        assertThat(call.path("error").path("message").asText())
                .contains("has SHA-256 " + TableHttp.sha256(tampered))
                .contains("its reference says " + sha256);
        assertThat(storage.exists(TableHttp.sha256(tampered)))
                .as("the copy of the wrong bytes")
                .isFalse();
        storage.delete(sha256);
    }

    /** Produces a call straight to {@code fabric.calls.any}, as a Kafka-native client may, past the gateway's checks. */
    private JsonNode produceDirectly(String function, Table table) throws Exception {
        String callId = UUID.randomUUID().toString();
        FuncCall call = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(function)
                .setTables(Map.of("data", table))
                .setSubmittedAt(Instant.now())
                .build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, FuncCall> producer = new KafkaProducer<>(
                props,
                new StringSerializer(),
                FabricSerdes.forRegistry(fabric.stack().registryUrl()).serializer(FuncCall.class))) {
            producer.send(new ProducerRecord<>(Topics.calls(Capset.of()), callId, call))
                    .get();
        }
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(LargeTablesIT.CALL_DEADLINE).until(() -> {
            TableHttp.Answer answer = gateway.get("/v1/calls/" + callId + "?wait=20s");
            found[0] = answer.body();
            return answer.status() == 200 && found[0].path("finishedAt").isTextual();
        });
        return found[0];
    }

    private Table ref(String sha256, long size) {
        return Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(TableRef.newBuilder()
                        .setUri("s3://" + fabric.stack().s3Bucket() + "/tables/" + sha256)
                        .setFormat(TableFormat.CSV)
                        .setSizeBytes(size)
                        .setSha256(sha256)
                        .build())
                .build();
    }

    /** A CSV table of {@code rows} rows, different for every call of this test run. */
    private static byte[] csv(int rows) {
        String salt = UUID.randomUUID().toString();
        StringBuilder text = new StringBuilder("id,salt\n");
        for (int i = 1; i <= rows; i++) {
            text.append(i).append(',').append(salt).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
