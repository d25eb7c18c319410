package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.infra.stack.DataDirs;
import dev.computefabric.infra.stack.FabricRole;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import dev.computefabric.sdk.FabricException;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric with {@code --secure}: SASL/SCRAM on the broker, ACLs per role, a registry that takes writes only with
 * credentials. The demo passes through it (gateway, executors, router and registry each as their own principal), and
 * a principal gets exactly its role's rights: no more, and nobody without a password gets any.
 */
class SecureFabricIT {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private static Path dataDir;
    private static LocalFabric fabric;

    @BeforeAll
    static void startSecureFabric() throws Exception {
        dataDir = Files.createTempDirectory("fabric-secure-it-");
        fabric = LocalFabric.start(LocalFabric.Options.twoExecutors(dataDir).withSecure(true));
    }

    @AfterAll
    static void stop() {
        if (fabric != null) {
            fabric.close();
        }
        DataDirs.delete(dataDir);
    }

    @Test
    void theDemoPassesOnASecureFabric() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean allCorrect = new Demo(
                        new GatewayClient(fabric.gatewayUrl(), fabric.adminToken()),
                        new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        assertThat(allCorrect)
                .as("demo output:%n%s", printed.toString(StandardCharsets.UTF_8))
                .isTrue();
    }

    @Test
    void itsGatewayAnswersOnlyABearerTokenItKnows() {
        assertThat(fabric.adminToken()).isPresent();
        assertThat(new GatewayClient(fabric.gatewayUrl()).executors().status()).isEqualTo(401);
        assertThat(new GatewayClient(fabric.gatewayUrl(), Optional.of("cft_not-a-token-it-knows"))
                        .executors()
                        .status())
                .isEqualTo(401);
        assertThat(new GatewayClient(fabric.gatewayUrl(), fabric.adminToken())
                        .executors()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anExecutorMayNotWriteCallsOrStatusesButMayWriteEvents() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(credentials(FabricRole.EXECUTOR))) {
            for (String forbidden : List.of(Topics.calls(Capset.of()), Topics.STATUS)) {
                assertThatThrownBy(() -> send(producer, forbidden))
                        .as("an executor's write to %s", forbidden)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            // Not a broken client: what an executor must write, it can.
            assertThat(send(producer, Topics.EVENTS)).isGreaterThanOrEqualTo(0L);
        }
    }

    @Test
    void aPrincipalReadsOnlyWhatItsRoleReads() {
        try (KafkaConsumer<byte[], byte[]> executor = consumer(Optional.of(credentials(FabricRole.EXECUTOR)))) {
            executor.assign(List.of(new TopicPartition(Topics.STATUS, 0)));
            assertThatThrownBy(() -> executor.poll(Duration.ofSeconds(10)))
                    .as("an executor reading fabric.status")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aKafkaNativeCallerLoggedInFromCallerPropertiesGetsItsResults() throws Exception {
        Path properties = fabric.callerProperties().orElseThrow();
        assertThat(properties).isEqualTo(dataDir.resolve("secrets/caller.properties"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)))
                .isEqualTo("rw-------");

        try (KafkaSubmitter submitter = KafkaSubmitter.start(KafkaSubmitterOptions.fromProperties(properties))) {
            FuncResult any = submitter.call("echo", "{\"from\": \"caller\"}", List.of());
            // A capset no one used yet: the caller creates its capability topic, like the results topic.
            FuncResult python = submitter.call("echo", "{\"from\": \"caller\"}", List.of("python"));

            assertThat(any.getState()).as("%s", any).isEqualTo(CallState.FINISHED);
            assertThat(any.getOutput()).contains("caller");
            assertThat(python.getState()).as("%s", python).isEqualTo(CallState.FINISHED);
        }
    }

    @Test
    void aPythonCallerLoggedInFromCallerPropertiesGetsItsResults() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path script = Path.of("..", "sdk", "python", "interop_roundtrip.py").toAbsolutePath();
        // librdkafka before 2.6.1 cannot log in with SCRAM to a Kafka 4 broker (confluentinc/librdkafka#4895); Debian's
        // python3-confluent-kafka brings 2.0.2, so this runs where a newer one is installed (pip's confluent-kafka).
        assumeTrue(
                Files.isExecutable(python)
                        && new ProcessBuilder(
                                                python.toString(),
                                                "-c",
                                                "import confluent_kafka, confluent_kafka.avro, sys;"
                                                        + " sys.exit(confluent_kafka.libversion()[1] < 0x020601ff)")
                                        .start()
                                        .waitFor()
                                == 0,
                "skipped: needs /usr/bin/python3 with confluent_kafka.avro on librdkafka 2.6.1 or later, whose SCRAM"
                        + " login Kafka 4 accepts (Debian's is 2.0.2)");
        Path output = Files.createTempFile(dataDir, "python-caller-", ".log");
        Process run = new ProcessBuilder(
                        python.toString(),
                        script.toString(),
                        "kafka-properties",
                        fabric.callerProperties().orElseThrow().toString(),
                        "echo",
                        "{\"from\": \"python\"}",
                        "python")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = run.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            run.destroyForcibly();
        }
        String printed = Files.readString(output);

        assertThat(ended && run.exitValue() == 0)
                .as("python ended with 0 within 120 s:%n%s", printed)
                .isTrue();
        String result = printed.lines()
                .filter(line -> line.startsWith("RESULT "))
                .findFirst()
                .orElseThrow();
        assertThat(result).contains("\"state\": \"FINISHED\"").contains("python");
    }

    @Test
    void aCallerMayNotReadStatusesNorWriteResultsOrStatuses() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(credentials(FabricRole.CALLER))) {
            for (String forbidden : List.of(Topics.RESULTS, Topics.STATUS)) {
                assertThatThrownBy(() -> send(producer, forbidden))
                        .as("a caller's write to %s", forbidden)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        for (String forbidden : List.of(Topics.STATUS, Topics.RESULTS, Topics.replies(LocalFabric.GATEWAY_ID))) {
            try (KafkaConsumer<byte[], byte[]> caller = consumer(Optional.of(credentials(FabricRole.CALLER)))) {
                caller.assign(List.of(new TopicPartition(forbidden, 0)));
                assertThatThrownBy(() -> caller.poll(Duration.ofSeconds(10)))
                        .as("a caller reading %s", forbidden)
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void aSubmitterWithoutALoginFailsSayingWhy() {
        KafkaSubmitterOptions anonymous = KafkaSubmitterOptions.of(
                        fabric.stack().bootstrap(), fabric.stack().registryUrl())
                .withTimeout(Duration.ofSeconds(4));

        assertThatThrownBy(() -> KafkaSubmitter.start(anonymous).close())
                .isInstanceOf(FabricException.class)
                .hasMessageContaining("cannot create reply topic")
                .hasMessageContaining("no security.protocol is set")
                .hasMessageContaining("caller.properties");
    }

    @Test
    void noLogOfTheFabricNamesTheCallersPassword() throws Exception {
        String password = credentials(FabricRole.CALLER).password();
        try (Stream<Path> logs = Files.walk(fabric.stack().logDir())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log, StandardCharsets.ISO_8859_1))
                        .as("%s", log)
                        .doesNotContain(password);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        FabricCredentials gateway = credentials(FabricRole.GATEWAY);
        FabricCredentials wrong = new FabricCredentials(gateway.user(), gateway.password() + "x");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(Optional.of(wrong))) {
            consumer.assign(List.of(new TopicPartition(Topics.STATUS, 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutCredentialsReadsNoFabricTopic() throws Exception {
        List<TopicPartition> everyFabricPartition = fabricPartitions();
        // The gateway, which follows fabric.status, reads the statuses of the calls that ran: there is data to read.
        try (KafkaConsumer<byte[], byte[]> gateway = consumer(Optional.of(credentials(FabricRole.GATEWAY)))) {
            runOneCall();
            List<TopicPartition> status = everyFabricPartition.stream()
                    .filter(partition -> partition.topic().equals(Topics.STATUS))
                    .toList();
            gateway.assign(status);
            gateway.seekToBeginning(status);
            await().atMost(GENEROUS)
                    .until(() -> !gateway.poll(Duration.ofMillis(200)).isEmpty());
        }
        // Without credentials the broker never gets past the SASL handshake: not one record of any fabric topic, and
        // not even the list of topics.
        try (KafkaConsumer<byte[], byte[]> anonymous = consumer(Optional.empty())) {
            anonymous.assign(everyFabricPartition);
            anonymous.seekToBeginning(everyFabricPartition);
            await().during(Duration.ofSeconds(5))
                    .atMost(GENEROUS)
                    .until(() -> anonymous.poll(Duration.ofMillis(500)).isEmpty());
            assertThatThrownBy(() -> anonymous.listTopics(Duration.ofSeconds(5)))
                    .isInstanceOf(KafkaException.class);
        }
    }

    @Test
    void theRegistryTakesWritesOnlyWithCredentials() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String subject = "secure-it-" + System.nanoTime();
        String schema = "{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}";
        HttpRequest.Builder register = HttpRequest.newBuilder(
                        URI.create(fabric.stack().registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(schema));

        HttpResponse<String> anonymous = http.send(register.copy().build(), HttpResponse.BodyHandlers.ofString());
        FabricCredentials gateway = credentials(FabricRole.GATEWAY);
        HttpResponse<String> wrongPassword = http.send(
                register.copy()
                        .header(
                                "Authorization",
                                new FabricCredentials(gateway.user(), "not-" + gateway.password()).basicAuthorization())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> reader = http.send(
                HttpRequest.newBuilder(URI.create(fabric.stack().registryUrl() + "/subjects"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> writer = http.send(
                register.copy()
                        .header("Authorization", gateway.basicAuthorization())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(reader.body()).doesNotContain(subject);
        assertThat(writer.statusCode()).isEqualTo(200);
        assertThat(writer.body()).contains("\"id\"");
    }

    private static FabricCredentials credentials(FabricRole role) {
        return fabric.stack().credential(role).orElseThrow();
    }

    private static void runOneCall() {
        GatewayClient.Answer answer = new GatewayClient(fabric.gatewayUrl(), fabric.adminToken())
                .submit(GatewayClient.call("echo"), GENEROUS);
        assertThat(answer.state()).isEqualTo("FINISHED");
    }

    /** Every partition of every fabric topic, as the admin sees them. */
    private static List<TopicPartition> fabricPartitions() throws Exception {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        props.putAll(credentials(FabricRole.ADMIN).kafkaProperties());
        try (Admin admin = Admin.create(props)) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(Topics.PREFIX))
                    .toList();
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .values()
                    .forEach(description -> description
                            .partitions()
                            .forEach(p -> partitions.add(new TopicPartition(description.name(), p.partition()))));
            assertThat(topics).contains(Topics.STATUS, Topics.RESULTS, Topics.calls(Capset.of()));
            return partitions;
        }
    }

    private static long send(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        return producer.send(new ProducerRecord<>(topic, "secure-it".getBytes(StandardCharsets.UTF_8), new byte[0]))
                .get()
                .offset();
    }

    private static KafkaProducer<byte[], byte[]> producer(FabricCredentials credentials) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(credentials.kafkaProperties());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Optional<FabricCredentials> credentials) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        credentials.ifPresent(c -> props.putAll(c.kafkaProperties()));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
