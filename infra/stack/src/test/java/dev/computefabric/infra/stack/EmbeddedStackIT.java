package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.ContractSchemas;
import dev.computefabric.schemas.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedStackIT {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aStartedStackServesKafkaS3AndTheRegistryAndLeavesNoProcessBehind() throws Exception {
        long began = System.nanoTime();
        EmbeddedStack stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        System.out.printf(
                "EmbeddedStack.start() took %d ms%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        List<Long> pids = new ArrayList<>();
        try {
            assertThat(stack.children()).extracting(ChildJvm::name).containsExactly("kafka", "s3", "registry");

            assertKafkaRoundTrip(stack);
            assertS3RoundTrip(stack);
            assertRegistryRoundTrip(stack);
            assertCapabilityTopicsCopyTheResultsPartitionCount(stack);
            assertEveryShareGroupMemberMayTakeFromEveryPartition(stack);

            ChildJvm extra =
                    stack.startChild(ChildSpec.builder("extra", TestChild.class.getName(), ChildJvmTest.testClasspath())
                            .args("extra", "ready")
                            .jvmOptions("-Xmx32m")
                            .build());
            ChildJvm secondRegistry = stack.startChild(
                    "registry-2",
                    "infra/schema-registry",
                    "dev.computefabric.registry.RegistryMain",
                    List.of("--port", "0"),
                    List.of("-Xmx64m"),
                    Map.of());
            assertThat(secondRegistry.address()).startsWith("http://127.0.0.1:").isNotEqualTo(stack.registryUrl());
            assertThat(extra.isAlive()).isTrue();
        } finally {
            stack.children().forEach(child -> pids.add(child.pid()));
            stack.close();
        }

        assertThat(pids)
                .hasSize(5)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .isEmpty());
        assertThat(dataDir.resolve("logs/kafka.log")).content().contains("FABRIC-READY kafka");
        stack.close();
    }

    @Test
    void aStackRestartedOnTheSameDirectoryKeepsItsRecordsAndObjects() throws Exception {
        try (EmbeddedStack first =
                        EmbeddedStack.builder().dataDir(dataDir).build().start();
                KafkaProducer<String, String> producer = StackClients.producer(first);
                S3Client s3 = StackClients.s3(first)) {
            producer.send(new ProducerRecord<>(Topics.DLQ, "call-1", "kept")).get();
            s3.putObject(put -> put.bucket(first.s3Bucket()).key("kept"), RequestBody.fromString("kept"));
        }

        try (EmbeddedStack second =
                        EmbeddedStack.builder().dataDir(dataDir).build().start();
                KafkaConsumer<String, String> consumer = StackClients.consumer(second);
                S3Client s3 = StackClients.s3(second)) {
            consumer.subscribe(List.of(Topics.DLQ));
            assertThat(pollOne(consumer).value()).isEqualTo("kept");
            assertThat(s3.getObjectAsBytes(get -> get.bucket(second.s3Bucket()).key("kept"))
                            .asUtf8String())
                    .isEqualTo("kept");
        }
    }

    private static void assertKafkaRoundTrip(EmbeddedStack stack) throws Exception {
        try (KafkaProducer<String, String> producer = StackClients.producer(stack);
                KafkaConsumer<String, String> consumer = StackClients.consumer(stack)) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, "call-1", "started"))
                    .get();
            consumer.subscribe(List.of(Topics.EVENTS));

            ConsumerRecord<String, String> record = pollOne(consumer);

            assertThat(record.key()).isEqualTo("call-1");
            assertThat(record.value()).isEqualTo("started");
        }
    }

    private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        await().atMost(GENEROUS).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return !received.isEmpty();
        });
        return received.get(0);
    }

    private static void assertS3RoundTrip(EmbeddedStack stack) {
        try (S3Client s3 = StackClients.s3(stack)) {
            s3.putObject(
                    put -> put.bucket(stack.s3Bucket()).key("tables/t1.csv"), RequestBody.fromString("a,b\n1,2\n"));

            assertThat(s3.getObjectAsBytes(get -> get.bucket(stack.s3Bucket()).key("tables/t1.csv"))
                            .asUtf8String())
                    .isEqualTo("a,b\n1,2\n");
        }
    }

    private static void assertRegistryRoundTrip(EmbeddedStack stack) throws Exception {
        String schema =
                "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Ping\\\",\\\"fields\\\":[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\"}]}";

        HttpResponse<String> registered =
                StackClients.registry(stack, "POST", "/subjects/ping/versions", "{\"schema\": \"" + schema + "\"}");

        assertThat(registered.statusCode()).isEqualTo(200);
        String id = registered.body().replaceAll("\\D", "");
        assertThat(StackClients.registry(stack, "GET", "/schemas/ids/" + id, null)
                        .body())
                .contains("Ping");
        // Provisioning registered the contract before anyone asked: ids 1 to 8 are its value schemas.
        assertThat(Integer.parseInt(id)).isEqualTo(ContractSchemas.VALUE_TYPES.size() + 1);
        assertThat(StackClients.registry(stack, "GET", "/subjects", null).body())
                .contains("\"dev.computefabric.avro.FuncCall\"", "\"dev.computefabric.avro.CallStatus\"");
    }

    /** Three members of a share group on a 6-partition topic: each is assigned all six, not the one it hashes to. */
    private static void assertEveryShareGroupMemberMayTakeFromEveryPartition(EmbeddedStack stack) throws Exception {
        String topic = Topics.calls(Capset.of());
        String group = "every-partition-" + UUID.randomUUID();
        List<ShareConsumer<String, String>> members = new ArrayList<>();
        try (Admin admin = StackClients.admin(stack)) {
            for (int i = 0; i < 3; i++) {
                ShareConsumer<String, String> member = StackClients.shareConsumer(stack, group);
                member.subscribe(List.of(topic));
                members.add(member);
            }
            Set<TopicPartition> every = IntStream.range(0, TopicProvisioner.DEFAULT_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .collect(Collectors.toSet());
            await().atMost(GENEROUS).untilAsserted(() -> {
                // Polling is how a share consumer joins and heartbeats; the topic is empty.
                members.forEach(member -> member.poll(Duration.ofMillis(100)));
                ShareGroupDescription described = admin.describeShareGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get();
                assertThat(described.members())
                        .hasSize(3)
                        .allSatisfy(member -> assertThat(member.assignment().topicPartitions())
                                .isEqualTo(every));
            });
        } finally {
            members.forEach(ShareConsumer::close);
        }
    }

    private static void assertCapabilityTopicsCopyTheResultsPartitionCount(EmbeddedStack stack) throws Exception {
        try (Admin admin = StackClients.admin(stack)) {
            String topic = new TopicProvisioner().ensureCallsTopic(admin, Capset.of("python"));

            assertThat(topic).isEqualTo("fabric.calls.python");
            assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions())
                    .hasSize(TopicProvisioner.DEFAULT_PARTITIONS);
            assertThat(admin.listTopics().names().get())
                    .contains(Topics.STATUS, Topics.EXECUTORS, Topics.FUNCTIONS, Topics.CONTROL, Topics.DLQ);
        }
    }
}
