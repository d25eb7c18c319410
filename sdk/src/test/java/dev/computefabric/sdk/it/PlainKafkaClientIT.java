package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A Kafka-native caller that uses no class of this project: Avro {@code GenericRecord}s built from schemas looked
 * up by subject over HTTP, a plain {@code KafkaProducer} writing the Confluent wire format by hand (magic byte 0,
 * the schema id, Avro binary). It runs on a fabric no gateway ever ran on, so the schemas it finds were registered
 * when the fabric was provisioned; and it puts its call on a partition its id does not hash to.
 */
@Order(1)
class PlainKafkaClientIT {

    static final String NAMESPACE = "dev.computefabric.avro";
    /** The contract's value records, as a user reads them off schemas/src/main/avro. */
    static final List<String> VALUE_RECORDS = List.of(
            "FuncCall",
            "FuncResult",
            "CallEvent",
            "CallStatus",
            "ControlCommand",
            "ExecutorStatus",
            "FunctionCatalog",
            "CacheEntry");

    static final String CALLS_TOPIC = "fabric.calls.any";
    static final Duration BOUND = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestFabric fabric = TestFabric.neverCalledOverHttp();

    @Test
    void every_value_schema_of_the_contract_is_found_by_subject_before_the_first_call() throws Exception {
        for (String record : VALUE_RECORDS) {
            JsonNode latest = registry("/subjects/" + NAMESPACE + "." + record + "/versions/latest");

            assertThat(latest.path("id").asInt()).as(record).isPositive();
            assertThat(latest.path("schema").asText())
                    .as("registered as its .avsc states it")
                    .contains("\"name\":\"" + record + "\"")
                    .doesNotContain("avro.java.string");
        }
    }

    @Test
    void a_call_written_by_hand_to_a_partition_its_id_does_not_hash_to_finishes_and_its_status_says_where()
            throws Exception {
        String callId = "plain-" + UUID.randomUUID();
        String replyTopic = createReplyTopic();
        int written = writeOffItsHash(CALLS_TOPIC, callId, "echo", replyTopic, null);
        int partitions = partitionsOf(CALLS_TOPIC);

        GenericRecord result = awaitValue(List.of(new TopicPartition(replyTopic, 0)), callId, r -> true);
        assertThat(result.get("state")).hasToString("FINISHED");
        assertThat(JSON.readTree(result.get("output").toString()).path("from").asText())
                .isEqualTo("a plain Kafka client");

        List<TopicPartition> status = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition("fabric.status", p))
                .toList();
        GenericRecord finished =
                awaitValue(status, callId, r -> r.get("state").toString().equals("FINISHED"));
        assertThat(finished.get("partition"))
                .as("the partition the call was read from")
                .isEqualTo(written);
    }

    /**
     * The router ends a call past its deadline with a TIMED_OUT result it writes to {@code fabric.results} and reads
     * back; on the hashed partition, another router task would hold it for a call it never sees, and this call would
     * wait for good. Nobody serves the call's capability topic, so only the router can end it.
     */
    @Test
    void a_call_nobody_runs_on_a_partition_its_id_does_not_hash_to_ends_timed_out_at_its_deadline() throws Exception {
        String topic = "fabric.calls.nobody-" + Long.toString(System.nanoTime(), 36);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitionsOf("fabric.results"), (short) 1)))
                    .all()
                    .get();
        }
        String callId = "plain-" + UUID.randomUUID();
        String replyTopic = createReplyTopic();

        writeOffItsHash(topic, callId, "echo", replyTopic, 2_000L);

        GenericRecord result = awaitValue(List.of(new TopicPartition(replyTopic, 0)), callId, r -> true);
        assertThat(result.get("state")).hasToString("TIMED_OUT");
        assertThat(result.get("error").toString()).contains("no result within 2000 ms");
    }

    private String createReplyTopic() throws Exception {
        String replyTopic = "plain-replies-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(replyTopic, 1, (short) 1)))
                    .all()
                    .get();
        }
        return replyTopic;
    }

    /**
     * Writes a call by hand, in the wire format, to the partition after the one its id hashes to; returns that
     * partition.
     */
    private int writeOffItsHash(String topic, String callId, String function, String replyTopic, Long timeoutMs)
            throws Exception {
        JsonNode funcCall = registry("/subjects/" + NAMESPACE + ".FuncCall/versions/latest");
        Schema schema = new Schema.Parser().parse(funcCall.path("schema").asText());
        GenericRecord call = new GenericRecordBuilder(schema)
                .set("callId", callId)
                .set("function", function)
                .set("args", "{\"from\":\"a plain Kafka client\"}")
                .set("replyTo", replyTopic)
                .set("submittedAt", System.currentTimeMillis())
                .set("timeoutMs", timeoutMs)
                .build();
        byte[] value = wireFormat(funcCall.path("id").asInt(), schema, call);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int partitions = producer.partitionsFor(topic).size();
            int hashed = Utils.toPositive(Utils.murmur2(callId.getBytes(StandardCharsets.UTF_8))) % partitions;
            int written = producer.send(new ProducerRecord<>(topic, (hashed + 1) % partitions, callId, value))
                    .get()
                    .partition();
            assertThat(written).isNotEqualTo(hashed);
            return written;
        }
    }

    private int partitionsOf(String topic) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            return producer.partitionsFor(topic).size();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary encoding. */
    private static byte[] wireFormat(int schemaId, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Reads the wire format: the writer's schema comes from the registry by the id in the record. */
    private GenericRecord read(byte[] value) throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        assertThat(buffer.get()).as("magic byte").isZero();
        int schemaId = buffer.getInt();
        Schema writer = new Schema.Parser()
                .parse(registry("/schemas/ids/" + schemaId).path("schema").asText());
        return new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
    }

    /** The first value keyed {@code key} on {@code partitions} (read from the beginning) that passes {@code wanted}. */
    private GenericRecord awaitValue(
            List<TopicPartition> partitions, String key, java.util.function.Predicate<GenericRecord> wanted) {
        AtomicReference<GenericRecord> found = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        fabric.bootstrap(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(BOUND).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && record.value() != null) {
                        GenericRecord value = read(record.value());
                        if (wanted.test(value)) {
                            found.set(value);
                        }
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    private JsonNode registry(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(fabric.registryUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Accept", "application/vnd.schemaregistry.v1+json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET " + path + ": " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
