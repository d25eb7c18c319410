package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poison on every topic the fabric reads, from a fixed seed: random bytes, Avro with a schema id the registry does
 * not know, valid Avro of the wrong type, a right schema id with a cut payload, empty and null values, huge keys.
 * Each goes to the dead-letter topic or is skipped, no process dies, and normal calls still finish after it.
 */
@ExtendWith(SharedFabric.class)
class TopicFuzzIT {

    static final long SEED = 16;
    static final int RANDOM_PER_TOPIC = 8;
    static final Duration DEADLINE = Duration.ofMinutes(3);

    @BeforeAll
    static void trustAvro() {
        SpecificRecords.trustGeneratedClasses();
    }

    @Test
    void poisonOnEveryTopicIsDeadLetteredOrSkippedAndTheFabricKeepsServing(LocalFabric fabric) throws Exception {
        List<String> topics = List.of(
                Topics.calls(Capset.of()),
                Topics.RESULTS,
                Topics.EVENTS,
                Topics.CONTROL,
                Topics.CACHE_REQUESTS,
                Topics.CACHE_ACCEPTED,
                Topics.CACHE_COMPLETIONS,
                Topics.PIPELINES,
                Topics.PIPELINES_CONTROL,
                Topics.PIPELINES_STEPS,
                Topics.STATUS,
                Topics.EXECUTORS,
                Topics.FUNCTIONS,
                Topics.replies(LocalFabric.GATEWAY_ID));
        FabricSerdes serdes = FabricSerdes.forRegistry(fabric.stack().registryUrl());
        byte[] result = serdes.serializer(FuncResult.class).serialize(Topics.RESULTS, result());
        byte[] event = serdes.serializer(CallEvent.class).serialize(Topics.EVENTS, event());
        Random random = new Random(SEED);
        Map<String, Integer> written = new LinkedHashMap<>();
        Map<String, Integer> refusedByBroker = new LinkedHashMap<>();
        Path gatewayLog = fabric.stack().logDir().resolve(LocalFabric.GATEWAY_ID + ".log");
        long skippedBefore = linesContaining(gatewayLog, "skipping unreadable");

        try (Admin admin = Admin.create(adminProps(fabric));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(fabric))) {
            long deadLettersBefore = endOffsetSum(admin, Topics.DLQ);
            // Some exist only once used (the function catalog): a topic nobody created, nobody reads.
            var existing = admin.listTopics().names().get();
            for (String topic : topics.stream().filter(existing::contains).toList()) {
                byte[] wrongType = topic.equals(Topics.RESULTS) ? event : result;
                for (byte[] value : poison(random, wrongType, result)) {
                    try {
                        producer.send(new ProducerRecord<>(topic, key(random), value))
                                .get();
                        written.merge(topic, 1, Integer::sum);
                    } catch (ExecutionException e) {
                        // A compacted topic refuses a record without a key: the broker's own check, nothing to read.
                        assertThat(e.getCause()).isInstanceOf(InvalidRecordException.class);
                        refusedByBroker.merge(topic, 1, Integer::sum);
                    }
                }
            }
            int intoRouterAndExecutors = written.get(Topics.calls(Capset.of())) + written.get(Topics.RESULTS);
            System.out.println(
                    "TopicFuzzIT poison records per topic " + written + "; refused by the broker " + refusedByBroker);
            assertThat(written.values().stream().mapToInt(Integer::intValue).sum())
                    .isGreaterThan(100);

            await().atMost(DEADLINE)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(endOffsetSum(admin, Topics.DLQ) - deadLettersBefore)
                            .as("dead letters")
                            .isGreaterThanOrEqualTo(intoRouterAndExecutors));
            System.out.println("TopicFuzzIT dead letters " + (endOffsetSum(admin, Topics.DLQ) - deadLettersBefore)
                    + ", gateway records skipped "
                    + (linesContaining(gatewayLog, "skipping unreadable") - skippedBefore));
        }

        assertThat(fabric.router().isAlive()).as("router alive").isTrue();
        TableHttp gateway = new TableHttp(fabric.gatewayUrl());
        for (int i = 0; i < 3; i++) {
            ObjectNode call =
                    TableHttp.JSON.createObjectNode().put("function", "echo").put("wait", "60s");
            call.putObject("args").put("afterPoison", i);
            TableHttp.Answer answer = gateway.submit(call);
            assertThat(answer.body().path("state").asText())
                    .as("answer %s", answer.body())
                    .isEqualTo("FINISHED");
        }
        ObjectNode python =
                TableHttp.JSON.createObjectNode().put("function", "echo").put("wait", "60s");
        python.putArray("requirements").add("python");
        assertThat(gateway.submit(python).body().path("state").asText()).isEqualTo("FINISHED");
    }

    /** The poison written to one topic; {@code wrongType} is valid Avro of another record type. */
    private static List<byte[]> poison(Random random, byte[] wrongType, byte[] result) {
        Stream.Builder<byte[]> values = Stream.builder();
        for (int i = 0; i < RANDOM_PER_TOPIC; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            values.add(bytes);
        }
        values.add(null);
        values.add(new byte[0]);
        values.add(new byte[] {0});
        values.add(withSchemaId(Integer.MAX_VALUE - random.nextInt(1000), randomBytes(random, 50)));
        values.add(withSchemaId(-1, randomBytes(random, 50)));
        values.add(wrongType);
        values.add(Arrays.copyOf(result, result.length / 2));
        values.add(withSchemaId(ByteBuffer.wrap(result, 1, 4).getInt(), randomBytes(random, 40)));
        return values.build().toList();
    }

    private static byte[] withSchemaId(int id, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length)
                .put((byte) 0)
                .putInt(id)
                .put(payload)
                .array();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] key(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "k".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            case 2 -> randomBytes(random, 16);
            default -> ("fuzz-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static FuncResult result() {
        return FuncResult.newBuilder()
                .setCallId("fuzz-" + UUID.randomUUID())
                .setFunction("echo")
                .setState(CallState.FINISHED)
                .setFinishedAt(Instant.now())
                .build();
    }

    private static CallEvent event() {
        return CallEvent.newBuilder()
                .setCallId("fuzz-" + UUID.randomUUID())
                .setType(CallEventType.STARTED)
                .setExecutorId("fuzz")
                .setAt(Instant.now())
                .build();
    }

    private static long endOffsetSum(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    private static long linesContaining(Path log, String text) throws Exception {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    private static Properties adminProps(LocalFabric fabric) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        return props;
    }

    private static Properties producerProps(LocalFabric fabric) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
