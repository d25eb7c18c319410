package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller that does not partition like Java (another partitioner, or an explicit partition) cannot lose a call:
 * the executor writes its result and events to the call's own partition, the router records that partition on
 * the call's status, and a gateway sends a cancel there. Calls go straight to Kafka on a partition their id does
 * not hash to; status and cancel go through the gateway, as any user's would.
 */
class ForeignPartitionIT {

    static final Duration BOUND = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestFabric fabric;
    private static KafkaProducer<String, FuncCall> producer;

    @BeforeAll
    static void connect() {
        fabric = TestFabric.shared();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                FabricSerdes.forRegistry(fabric.registryUrl()).serializer(FuncCall.class));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void a_call_on_a_partition_its_id_does_not_hash_to_finishes() throws Exception {
        String callId = produceElsewhere("echo", "{\"from\": \"elsewhere\"}");

        JsonNode call = awaitState(callId, "FINISHED");

        assertThat(call.path("output").path("from").asText()).isEqualTo("elsewhere");
        assertThat(call.path("executorId").asText()).isEqualTo("executor-1");
    }

    @Test
    void such_a_call_cancelled_through_a_gateway_ends_cancelled() throws Exception {
        String callId = produceElsewhere("sleep", "{\"ms\": 120000}");
        awaitState(callId, "RUNNING");

        HttpResponse<String> cancelled = send(
                HttpRequest.newBuilder(calls(callId + "?wait=30s")).DELETE().timeout(Duration.ofSeconds(60)));

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode call = JSON.readTree(cancelled.body());
        assertThat(call.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(call.path("error").path("type").asText()).isEqualTo("Cancelled");
    }

    /** Produces a call needing {@code python} (executor-1) to a partition its id does not hash to. */
    private static String produceElsewhere(String function, String args) throws Exception {
        String callId = "elsewhere-" + UUID.randomUUID();
        String topic = Topics.calls(Capset.of("python"));
        int partitions = producer.partitionsFor(topic).size();
        int hashed = Utils.toPositive(Utils.murmur2(callId.getBytes(StandardCharsets.UTF_8))) % partitions;
        FuncCall call = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(function)
                .setArgs(args)
                .setRequirements(List.of("python"))
                .setSubmittedAt(Instant.now())
                .build();
        producer.send(new ProducerRecord<>(topic, (hashed + 1) % partitions, callId, call))
                .get();
        return callId;
    }

    /** The call as the gateway shows it, once it is in {@code state}. */
    private static JsonNode awaitState(String callId, String state) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(BOUND).until(() -> {
            HttpResponse<String> answer = send(
                    HttpRequest.newBuilder(calls(callId + "?wait=5s")).GET().timeout(Duration.ofSeconds(30)));
            if (answer.statusCode() != 200) {
                return false; // 404 until fabric.status has the call
            }
            seen[0] = JSON.readTree(answer.body());
            return seen[0].path("state").asText().equals(state);
        });
        return seen[0];
    }

    private static URI calls(String pathAndQuery) {
        return URI.create(fabric.gatewayUrl() + "/v1/calls/" + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
