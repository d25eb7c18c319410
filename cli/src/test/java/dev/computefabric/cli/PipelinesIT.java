package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineMap;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pipelines on the real fabric, submitted in their Avro form as a Kafka-native caller writes them to {@code
 * fabric.pipelines}, and followed on {@code fabric.pipelines.status}: a table flows through steps, a map over a
 * 200 MB table in 8 chunks reduces to what one call over the whole table answers, a cancel stops every step, and a
 * node killed in the middle of a step loses nothing.
 */
@ExtendWith(SharedFabric.class)
class PipelinesIT {

    static final Duration DEADLINE = Duration.ofMinutes(4);
    /** {@code table.generate} rows of about 17 bytes: a CSV table of a little over 200 MB. */
    static final long ROWS_200_MB = 12_500_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalFabric fabric;
    private FabricSerdes serdes;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> statuses;
    private final Map<String, PipelineStatus> latest = new HashMap<>();

    @BeforeAll
    static void trustAvro() {
        SpecificRecords.trustGeneratedClasses();
    }

    @BeforeEach
    void connect(LocalFabric fabric) {
        this.fabric = fabric;
        serdes = FabricSerdes.forRegistry(fabric.stack().registryUrl());
        Properties producerProps = new Properties();
        producerProps.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        Properties consumerProps = new Properties();
        consumerProps.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        statuses = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = statuses.partitionsFor(Topics.PIPELINES_STATUS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        statuses.assign(partitions);
        statuses.seekToBeginning(partitions);
    }

    @AfterEach
    void close() {
        producer.close();
        statuses.close();
    }

    @Test
    void aTwoHundredMegabyteTableFlowsThroughStepsAndItsMapReducesToTheWholeTablesAnswer() throws Exception {
        PipelineStep parts = step("parts", "table.describe", "{}", Map.of("data", "${generate.tables.data}"));
        parts.setMap(new PipelineMap("data", 8));
        String id = submit(pipeline(
                step("generate", "table.generate", "{\"rows\": " + ROWS_200_MB + "}", Map.of()),
                step("whole", "table.describe", "{}", Map.of("data", "${generate.tables.data}")),
                parts,
                step("total", "table.describe.merge", "{\"parts\": \"${parts.output}\"}", Map.of())));

        PipelineStatus end = awaitEnd(id);

        assertThat(end.getState()).as("pipeline %s", end).isEqualTo(CallState.FINISHED);
        assertThat(step(end, "generate").getTables().get("data").getData())
                .as("the table travels by reference")
                .isInstanceOf(dev.computefabric.avro.TableRef.class);
        long sizeBytes = ((dev.computefabric.avro.TableRef)
                        step(end, "generate").getTables().get("data").getData())
                .getSizeBytes();
        assertThat(sizeBytes).isGreaterThan(200L * 1024 * 1024);
        assertThat(step(end, "parts").getCallIds()).hasSize(8);
        // Any node of the shared fabric may run a chunk (other tests add nodes to it); the distribution is printed.
        assertThat(step(end, "parts").getExecutorIds())
                .as("8 chunk calls, each run by one node")
                .hasSize(8);
        System.out.printf(
                "map over %d bytes in 8 chunks: chunks per node %s%n",
                sizeBytes,
                step(end, "parts").getExecutorIds().stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                node -> node, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        JsonNode whole = JSON.readTree(step(end, "whole").getOutput());
        JsonNode total = JSON.readTree(step(end, "total").getOutput());
        assertThat(whole.path("rows").asLong()).isEqualTo(ROWS_200_MB);
        assertThat(total.path("rows").asLong()).isEqualTo(ROWS_200_MB);
        assertThat(names(total.path("columns"))).isEqualTo(names(whole.path("columns")));
        for (String column : names(whole.path("columns"))) {
            JsonNode expected = whole.path("columns").path(column);
            JsonNode actual = total.path("columns").path(column);
            assertThat(actual.path("count")).as(column).isEqualTo(expected.path("count"));
            assertThat(actual.path("min")).as(column).isEqualTo(expected.path("min"));
            assertThat(actual.path("max")).as(column).isEqualTo(expected.path("max"));
            if (expected.has("mean") && expected.path("mean").isNumber()) {
                assertThat(actual.path("mean").asDouble())
                        .as(column)
                        .isCloseTo(
                                expected.path("mean").asDouble(),
                                within(1e-6 * Math.abs(expected.path("mean").asDouble()) + 1e-9));
            }
        }
    }

    @Test
    void aThreeStepPipelineSubmittedOverHttpPassesATableAlongAndAnyGatewayAnswersForIt() throws Exception {
        String request = """
                {"name": "sales-rows",
                 "tables": {"sales": {"format": "csv", "content": "region,amount\\nnorth,10\\nsouth,65\\neast,7\\n"}},
                 "steps": [
                   {"name": "copy", "function": "table.copy", "tables": {"in": "${tables.sales}"}},
                   {"name": "describe", "function": "table.describe", "tables": {"data": "${copy.tables.data}"}},
                   {"name": "report", "function": "echo",
                    "args": {"rows": "${describe.output.rows}", "max": "${describe.output.columns.amount.max}",
                             "line": "rows=${describe.output.rows}"}}]}
                """;
        GatewayClient gateway = new GatewayClient(fabric.gatewayUrl());

        GatewayClient.Answer answer = gateway.submitPipeline(
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(request), Duration.ofSeconds(90));

        assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(200);
        assertThat(answer.state()).as("answer %s", answer.body()).isEqualTo("FINISHED");
        JsonNode steps = answer.body().path("steps");
        assertThat(steps.findValuesAsText("state")).containsExactly("FINISHED", "FINISHED", "FINISHED");
        assertThat(steps.get(2).path("output").toString()).isEqualTo("{\"rows\":3,\"max\":65.0,\"line\":\"rows=3\"}");
        String id = answer.body().path("pipelineId").asText();
        assertThat(gateway.get(id + ".describe")
                        .body()
                        .path("output")
                        .path("rows")
                        .asInt())
                .as("every step is an ordinary call")
                .isEqualTo(3);
        assertThat(gateway.pipeline(id).body().path("state").asText()).isEqualTo("FINISHED");
    }

    @Test
    void aCachedStepAskedAgainByAnotherPipelineIsAnsweredWithoutRunning() throws Exception {
        String request = """
                {"steps": [{"name": "ask", "function": "echo", "args": {"nonce": "%s"}, "cache": {"ttl": "10m"}}]}
                """.formatted(UUID.randomUUID());
        GatewayClient gateway = new GatewayClient(fabric.gatewayUrl());

        GatewayClient.Answer first = gateway.submitPipeline(
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(request), Duration.ofSeconds(90));
        GatewayClient.Answer second = gateway.submitPipeline(
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(request), Duration.ofSeconds(90));

        assertThat(first.state()).as("first %s", first.body()).isEqualTo("FINISHED");
        assertThat(second.state()).as("second %s", second.body()).isEqualTo("FINISHED");
        assertThat(second.body().path("steps").get(0).path("output"))
                .isEqualTo(first.body().path("steps").get(0).path("output"));
        String firstStep = first.body().path("pipelineId").asText() + ".ask";
        String secondStep = second.body().path("pipelineId").asText() + ".ask";
        // The step's own status follows fabric.status, the pipeline's another topic: it may come a moment later.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(gateway.get(secondStep)
                                .body()
                                .path("cachedFrom")
                                .asText())
                        .as("the second pipeline's step did not run, the first's answered it")
                        .isEqualTo(firstStep));
    }

    @Test
    void aSameNodeStepRunsWhereItsPredecessorRanAndTheTableBetweenThemNeverReachesS3() throws Exception {
        PipelineStep describe = step(
                "describe",
                "table.describe",
                "{\"rows\": \"${generate.output.rows}\"}",
                Map.of("data", "${generate.tables.data}"));
        describe.setSameNode(true);
        // About 1.7 MB of CSV: far above the inline limit, so it would travel through S3 between two nodes.
        String id;
        long objectsBefore;
        try (dev.computefabric.tables.TableStore storage =
                new dev.computefabric.tables.TableStore(LargeTablesIT.s3Of(fabric))) {
            objectsBefore = storage.listTables().count();
            id = submit(pipeline(step("generate", "table.generate", "{\"rows\": 100003}", Map.of()), describe));

            PipelineStatus end = awaitEnd(id);

            assertThat(end.getState()).as("pipeline %s", end).isEqualTo(CallState.FINISHED);
            assertThat(step(end, "describe").getExecutorIds())
                    .as("both steps on one node")
                    .isEqualTo(step(end, "generate").getExecutorIds())
                    .hasSize(1);
            assertThat(JSON.readTree(step(end, "describe").getOutput())
                            .path("rows")
                            .asLong())
                    .isEqualTo(100_003L);
            assertThat(step(end, "generate").getTables())
                    .as("the table stayed on the node")
                    .doesNotContainKey("data");
            assertThat(storage.listTables().count()).as("objects in S3").isEqualTo(objectsBefore);
        }
    }

    @Test
    void aCancelInTheMiddleStopsEveryRunningStepAndStartsNoMore() throws Exception {
        PipelineStep after = step("after", "echo", "{}", Map.of());
        after.setAfter(List.of("first"));
        String id = submit(pipeline(
                step("first", "sleep", "{\"ms\": 120000}", Map.of()),
                step("beside", "sleep", "{\"ms\": 120000}", Map.of()),
                after));
        GatewayClient gateway = new GatewayClient(fabric.gatewayUrl());
        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String callId : List.of(id + ".first", id + ".beside")) {
                assertThat(gateway.get(callId).state()).as(callId).isEqualTo("RUNNING");
            }
        });

        producer.send(new ProducerRecord<>(
                        Topics.PIPELINES_CONTROL,
                        id,
                        serdes.serializer(ControlCommand.class)
                                .serialize(
                                        Topics.PIPELINES_CONTROL,
                                        ControlCommand.newBuilder()
                                                .setCallId(id)
                                                .setType(ControlType.CANCEL)
                                                .setAt(Instant.now())
                                                .setRequestedBy("pipelines-it")
                                                .build())))
                .get();

        PipelineStatus end = awaitEnd(id);
        assertThat(end.getState()).isEqualTo(CallState.CANCELLED);
        assertThat(end.getSteps())
                .extracting(StepStatus::getState)
                .containsExactly(StepState.CANCELLED, StepState.CANCELLED, StepState.SKIPPED);
        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String callId : List.of(id + ".first", id + ".beside")) {
                assertThat(gateway.get(callId).state()).as(callId).isEqualTo("CANCELLED");
            }
        });
        assertThat(gateway.get(id + ".after").status())
                .as("the step after was never called")
                .isEqualTo(404);
    }

    @Test
    void aNodeKilledInTheMiddleOfAStepLosesNothing() throws Exception {
        String tag = "pipe" + UUID.randomUUID().toString().substring(0, 8);
        Capset capset = Capset.of(tag);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap()))) {
            TopicProvisioner topics = new TopicProvisioner();
            for (Priority priority : Priority.values()) {
                topics.ensureCallsTopic(admin, capset, priority);
            }
        }
        ChildJvm victim = fabric.startExecutor(new LocalFabric.ExecutorSpec("victim-" + tag, List.of(tag), 2));
        ChildJvm rescuer = null;
        String pipelineId;
        try {
            victim.awaitReady();
            // Long enough to be killed in the middle of, once its STARTED event is read.
            PipelineStep slow = step("slow", "sleep", "{\"ms\": 15000}", Map.of());
            slow.setRequirements(List.of(tag));
            PipelineStep next = step("next", "echo", "{\"slept\": \"${slow.output}\"}", Map.of());
            next.setRequirements(List.of(tag));
            // The executor's own word that it runs the step (fabric.events), not its status two hops later: twice in
            // the full suite on a loaded machine the gateway showed the step FINISHED without having shown it RUNNING
            // (a router that reads STARTED and the result in one batch publishes only the end).
            try (KafkaConsumer<String, byte[]> events = fromTheEnd(Topics.EVENTS)) {
                String id = submit(pipeline(slow, next));
                CallEvent started =
                        await().atMost(DEADLINE).until(() -> startedOn(events, id + ".slow"), Objects::nonNull);
                assertThat(started.getExecutorId()).isEqualTo("victim-" + tag);
                pipelineId = id;
            }

            victim.kill();
            rescuer = fabric.startExecutor(new LocalFabric.ExecutorSpec("rescuer-" + tag, List.of(tag), 2));
            rescuer.awaitReady();

            PipelineStatus end = awaitEnd(pipelineId);
            assertThat(end.getState()).as("pipeline %s", end).isEqualTo(CallState.FINISHED);
            assertThat(step(end, "slow").getExecutorIds()).containsExactly("rescuer-" + tag);
            assertThat(step(end, "next").getExecutorIds()).containsExactly("rescuer-" + tag);
            assertThat(step(end, "next").getOutput()).contains("slept");
        } finally {
            if (victim.isAlive()) {
                victim.kill();
            }
            if (rescuer != null) {
                rescuer.stop();
            }
        }
    }

    /** A consumer of every partition of {@code topic}, from its current end. */
    private KafkaConsumer<String, byte[]> fromTheEnd(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.stack().bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The STARTED event of {@code callId} among what {@code events} brings now; null when it is not there. */
    private CallEvent startedOn(KafkaConsumer<String, byte[]> events, String callId) {
        for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
            if (callId.equals(record.key())) {
                CallEvent event = serdes.deserializer(CallEvent.class).deserialize(record.topic(), record.value());
                if (event.getType() == CallEventType.STARTED) {
                    return event;
                }
            }
        }
        return null;
    }

    private String submit(Pipeline pipeline) throws Exception {
        producer.send(new ProducerRecord<>(
                        Topics.PIPELINES,
                        pipeline.getPipelineId(),
                        serdes.serializer(Pipeline.class).serialize(Topics.PIPELINES, pipeline)))
                .get();
        return pipeline.getPipelineId();
    }

    /** Follows {@code fabric.pipelines.status} until the pipeline ends, and answers its last status. */
    private PipelineStatus awaitEnd(String pipelineId) {
        return await().atMost(DEADLINE)
                .until(
                        () -> {
                            for (ConsumerRecord<String, byte[]> record : statuses.poll(Duration.ofMillis(200))) {
                                if (record.value() != null) {
                                    latest.put(
                                            record.key(),
                                            serdes.deserializer(PipelineStatus.class)
                                                    .deserialize(record.topic(), record.value()));
                                }
                            }
                            return latest.get(pipelineId);
                        },
                        status -> status != null && status.getState() != CallState.RUNNING);
    }

    private static Pipeline pipeline(PipelineStep... steps) {
        return Pipeline.newBuilder()
                .setPipelineId("it-" + UUID.randomUUID())
                .setSteps(List.of(steps))
                .setSubmittedAt(Instant.now())
                .build();
    }

    private static PipelineStep step(String name, String function, String args, Map<String, String> tables) {
        return PipelineStep.newBuilder()
                .setName(name)
                .setFunction(function)
                .setArgs(args)
                .setTables(tables)
                .build();
    }

    private static StepStatus step(PipelineStatus status, String name) {
        return status.getSteps().stream()
                .filter(step -> step.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + status));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
