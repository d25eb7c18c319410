package dev.computefabric.gateway.it;

import static dev.computefabric.gateway.catalog.CatalogTestData.catalog;
import static dev.computefabric.gateway.catalog.CatalogTestData.function;
import static dev.computefabric.gateway.catalog.CatalogTestData.param;
import static dev.computefabric.gateway.catalog.CatalogTestData.presence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.avro.ParamType;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The function catalog at the gateway on the real broker: a real node announces its functions, the gateway lists
 * them and checks calls against them, and the calls topics show that a refused call was never queued. Catalogs
 * of nodes that do not run are produced by the test itself, as a node would write them. No router: what is
 * checked here is what the gateway queues, not results.
 */
class FunctionCatalogIT {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final String NODE = "catalog-it-node";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static Http gateway;
    static KafkaProducer<String, byte[]> producer;
    static FabricSerdes serdes;

    /** The repository's example Python script: its header declares the signature the catalog shows. */
    static final Path EXAMPLE_SCRIPT = Path.of("..", "examples", "scripts", "summarize.py");

    @BeforeAll
    static void startFabric() throws IOException {
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        RegistryWarmup.firstWriteDone(stack.registryUrl());
        Path scripts = Files.createDirectories(dataDir.resolve("scripts"));
        Files.copy(EXAMPLE_SCRIPT, scripts.resolve("summarize.py"));
        FabricComponents components = new FabricComponents(stack);
        CompletableFuture<ChildJvm> node = CompletableFuture.supplyAsync(() -> components.startExecutor(
                NODE, 3, List.of(), "--max-load-per-core", "0", "--scripts", scripts.toString()));
        CompletableFuture<ChildJvm> gw = CompletableFuture.supplyAsync(() -> components.startGateway("gw-catalog-it"));
        node.join();
        gateway = new Http(gw.join().address());
        serdes = FabricSerdes.forRegistry(stack.registryUrl());
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stopFabric() {
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theCatalogListsEveryFunctionOfALiveNodeWithItsSignatureAndFreeSlots() {
        await().atMost(BOUND).until(() -> described("sleep").path("available").asBoolean());

        JsonNode sleep = described("sleep");
        assertThat(sleep.path("signature").asString()).isEqualTo("sleep(ms: int) -> sleptMs: int");
        assertThat(sleep.path("inputs").get(0).path("type").asString()).isEqualTo("int");
        assertThat(sleep.path("nodes").get(0).path("executorId").asString()).isEqualTo(NODE);
        assertThat(sleep.path("nodes").get(0).path("slots").asInt()).isEqualTo(3);
        assertThat(sleep.path("freeSlots").asInt()).isBetween(0, 3);
        JsonNode listing = gateway.getPath("/v1/functions").body();
        assertThat(StreamSupport.stream(listing.path("functions").spliterator(), false)
                        .map(f -> f.path("name").asString()))
                .contains("echo", "sleep", "fail", "table.describe", "table.copy", "table.generate");
    }

    @Test
    void aScriptsHeaderIsItsSignatureInTheCatalogAndItsCallsAreCheckedAgainstIt() {
        assumeTrue(onPath("python3"), "python3 is not on the PATH: the node does not offer Python scripts");
        await().atMost(BOUND)
                .until(() -> gateway.getPath("/v1/functions/summarize").status() == 200);

        JsonNode summarize = described("summarize");
        assertThat(summarize.path("signature").asString())
                .isEqualTo("summarize(sales: dataframe, column: string = \"amount\", scale: double = 1.0)"
                        + " -> (summary: dataframe, total: double)");
        assertThat(summarize.path("language").asString()).isEqualTo("python");
        assertThat(summarize.path("capabilities").get(0).asString()).isEqualTo("python");

        String table = "\"tables\": {\"sales\": {\"format\": \"csv\", \"content\": \"region,amount\\nnorth,2\\n\"}}";
        Http.Answer refused =
                gateway.post("{\"function\": \"summarize\", \"args\": {\"scale\": \"double\"}, " + table + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("argument").asString()).isEqualTo("scale");

        Http.Answer accepted = gateway.post("{\"function\": \"summarize\", " + table + "}");
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        FuncCall queued = CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .filter(call -> call.getCallId().equals(accepted.callId()))
                .findFirst()
                .orElseThrow();
        assertThat(queued.getRequirements()).containsExactly("python");
        assertThat(queued.getArgs()).isEqualTo("{\"column\":\"amount\",\"scale\":1.0}");
    }

    @Test
    void anUnknownFunctionIs404WithTheClosestNamesAndNothingIsQueued() {
        String nonce = UUID.randomUUID().toString();

        Http.Answer refused = gateway.post("{\"function\": \"sleeep\", \"args\": {\"nonce\": \"" + nonce + "\"}}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("error").asString()).isEqualTo("function_not_found");
        assertThat(refused.body().path("message").asString()).contains("did you mean 'sleep'");
        assertThat(refused.body().path("suggestions").get(0).asString()).isEqualTo("sleep");
        assertThat(queuedCallsMentioning(nonce)).isEmpty();
    }

    @Test
    void anArgumentOfTheWrongTypeIs400NamingItAndNothingIsQueued() {
        String nonce = UUID.randomUUID().toString();

        Http.Answer refused = gateway.post("{\"function\": \"sleep\", \"args\": {\"ms\": \"" + nonce + "\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asString()).isEqualTo("bad_arguments");
        assertThat(refused.body().path("argument").asString()).isEqualTo("ms");
        assertThat(refused.body().path("message").asString())
                .contains("argument 'ms' of 'sleep' must be an int (a whole number such as 3), got string");
        assertThat(queuedCallsMentioning(nonce)).isEmpty();
    }

    @Test
    void aCallGetsItsDefaultsFilledInBeforeItIsQueued() {
        Http.Answer accepted = gateway.post("{\"function\": \"table.generate\", \"args\": {\"rows\": 2}}");

        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        FuncCall queued = CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .filter(call -> call.getCallId().equals(accepted.callId()))
                .findFirst()
                .orElseThrow();
        assertThat(queued.getArgs()).isEqualTo("{\"rows\":2,\"format\":\"csv\"}");
    }

    @Test
    void aKnownFunctionWhoseNodeIsDownIsQueuedOnItsCapabilitiesTopicWithAWarning() {
        String tag = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String name = tag + ".report";
        publishCatalog(
                tag,
                catalog(
                        tag,
                        Instant.now(),
                        List.of(tag),
                        function(name)
                                .capabilities(tag)
                                .input(param("n", ParamType.INT).defaultValue("1"))
                                .build()));
        await().atMost(BOUND)
                .until(() -> gateway.getPath("/v1/functions/" + name).status() == 200);
        assertThat(described(name).path("available").asBoolean()).isFalse();

        Http.Answer accepted = gateway.post("{\"function\": \"" + name + "\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("warnings").get(0).asString())
                .isEqualTo("no live node offers '" + name + "' now; the call waits in " + Topics.CALLS_PREFIX + tag
                        + " until one does");
        FuncCall queued = CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .filter(call -> call.getCallId().equals(accepted.callId()))
                .findFirst()
                .orElseThrow();
        assertThat(queued.getRequirements()).containsExactly(tag);
        assertThat(queued.getArgs()).isEqualTo("{\"n\":1}");

        publishCatalog(tag, null);
        await().atMost(BOUND)
                .until(() -> gateway.getPath("/v1/functions/" + name).status() == 404);
    }

    @Test
    void aNodesPresenceMakesItLiveWithItsFreeSlotsAndItsTombstoneMakesItGone() {
        String node = "presence-" + UUID.randomUUID().toString().substring(0, 8);
        String name = node + ".fn";
        publishCatalog(
                node, catalog(node, Instant.now(), List.of(), function(name).build()));
        publishPresence(node, presence(node, Instant.now(), 5, 2));

        await().atMost(BOUND).until(() -> described(name).path("available").asBoolean());
        assertThat(described(name).path("freeSlots").asInt()).isEqualTo(3);

        publishPresence(node, null);
        await().atMost(BOUND).until(() -> !described(name).path("available").asBoolean());
        assertThat(described(name).path("nodes").isEmpty()).isTrue();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static JsonNode described(String name) {
        Http.Answer answer = gateway.getPath("/v1/functions/" + name);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private static List<FuncCall> queuedCallsMentioning(String nonce) {
        return CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .filter(call -> call.getArgs().contains(nonce))
                .toList();
    }

    private static void publishCatalog(String executorId, FunctionCatalog catalog) {
        byte[] value = catalog == null
                ? null
                : serdes.serializer(FunctionCatalog.class).serialize(Topics.FUNCTIONS, catalog);
        send(new ProducerRecord<>(Topics.FUNCTIONS, executorId, value));
    }

    private static void publishPresence(String executorId, ExecutorStatus status) {
        byte[] value =
                status == null ? null : serdes.serializer(ExecutorStatus.class).serialize(Topics.EXECUTORS, status);
        send(new ProducerRecord<>(Topics.EXECUTORS, executorId, value));
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + record.topic() + ": " + e, e);
        }
    }
}
