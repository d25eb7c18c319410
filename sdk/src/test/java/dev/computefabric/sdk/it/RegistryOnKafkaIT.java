package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.registry.SchemaRegistry;
import dev.computefabric.registry.SchemaVersion;
import dev.computefabric.registry.kafka.KafkaSchemaStore;
import dev.computefabric.registry.kafka.KafkaStoreOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Conformance of the registry on Kafka storage ({@code --bootstrap}), over HTTP as Confluent clients speak
 * it, on the real broker. Each test uses its own schema topic, so tests share the broker but no state.
 */
class RegistryOnKafkaIT {

    private static final String V1 = record("Thing", "{\"name\":\"a\",\"type\":\"string\"}");
    private static final String V2 = record(
            "Thing", "{\"name\":\"a\",\"type\":\"string\"}," + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
    private static final String V2_NO_DEFAULT =
            record("Thing", "{\"name\":\"a\",\"type\":\"string\"}," + "{\"name\":\"b\",\"type\":\"int\"}");
    private static final String OTHER = record("Other", "{\"name\":\"x\",\"type\":\"long\"}");

    private final TestFabric fabric = TestFabric.shared();

    @Test
    void every_endpoint_answers_as_confluents_does_with_kafka_storage() {
        RegistryHttp registry = new RegistryHttp(startRegistry("conformance").address());

        RegistryHttp.Reply registered = registry.postSchema("/subjects/thing-value/versions", V1);
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.id();
        assertThat(registry.postSchema("/subjects/thing-value/versions", V1).id())
                .as("idempotent")
                .isEqualTo(id);
        assertThat(registry.postSchema("/subjects/thing-value", V1)
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(registry.get("/schemas/ids/" + id).json().path("schema").asText())
                .contains("Thing");
        assertThat(registry.get("/subjects").json().toString()).contains("thing-value");
        assertThat(registry.get("/subjects/thing-value/versions").json().toString())
                .isEqualTo("[1]");
        assertThat(registry.get("/subjects/thing-value/versions/latest")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(id);
        assertThat(registry.postSchema("/compatibility/subjects/thing-value/versions/latest", V2)
                        .json()
                        .path("is_compatible")
                        .asBoolean())
                .isTrue();
        assertThat(registry.postSchema("/subjects/thing-value/versions", V2).status())
                .isEqualTo(200);

        // Confluent's error codes
        assertThat(registry.get("/subjects/nope/versions").errorCode()).isEqualTo(40401);
        assertThat(registry.get("/subjects/thing-value/versions/9").errorCode()).isEqualTo(40402);
        assertThat(registry.postSchema("/subjects/thing-value", OTHER).errorCode())
                .isEqualTo(40403);
        assertThat(registry.get("/schemas/ids/9999").errorCode()).isEqualTo(40403);
        RegistryHttp.Reply invalid = registry.postSchema("/subjects/thing-value/versions", "{\"type\":\"recrod\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        RegistryHttp.Reply incompatible =
                registry.postSchema("/subjects/thing-value/versions", V2_NO_DEFAULT.replace("\"b\"", "\"c\""));
        assertThat(incompatible.status()).isEqualTo(409);
        assertThat(incompatible.errorCode()).isEqualTo(409);

        // config, global and per subject
        assertThat(registry.get("/config").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertThat(registry.put("/config/thing-value", "{\"compatibility\":\"NONE\"}")
                        .status())
                .isEqualTo(200);
        assertThat(registry.get("/config/thing-value")
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
        assertThat(registry.put("/config", "{\"compatibility\":\"FULL\"}").status())
                .isEqualTo(200);
        assertThat(registry.delete("/config/thing-value").status()).isEqualTo(200);
        assertThat(registry.get("/config/thing-value").errorCode()).isEqualTo(40408);

        // soft, then permanent delete; the id stays readable
        assertThat(registry.delete("/subjects/thing-value").json().toString()).isEqualTo("[1,2]");
        assertThat(registry.delete("/subjects/thing-value?permanent=true").status())
                .isEqualTo(200);
        assertThat(registry.get("/subjects/thing-value/versions").errorCode()).isEqualTo(40401);
        assertThat(registry.get("/schemas/ids/" + id).status()).isEqualTo(200);
    }

    @Test
    void ids_versions_and_settings_survive_a_registry_restart() {
        ChildJvm first = startRegistry("restart");
        RegistryHttp before = new RegistryHttp(first.address());
        int thingId = before.postSchema("/subjects/thing-value/versions", V1).id();
        int otherId = before.postSchema("/subjects/other-value/versions", OTHER).id();
        before.put("/config/other-value", "{\"compatibility\":\"NONE\"}");
        first.stop();

        RegistryHttp after = new RegistryHttp(startRegistry("restart").address());
        assertThat(after.get("/schemas/ids/" + thingId).json().path("schema").asText())
                .contains("Thing");
        assertThat(after.get("/schemas/ids/" + otherId).json().path("schema").asText())
                .contains("Other");
        assertThat(after.postSchema("/subjects/thing-value", V1).id()).isEqualTo(thingId);
        assertThat(after.get("/config/other-value")
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
        int nextId = after.postSchema("/subjects/thing-value/versions", V2).id();
        assertThat(nextId).as("a new id after the replayed ones").isGreaterThan(Math.max(thingId, otherId));
    }

    @Test
    void two_instances_registering_at_the_same_time_never_hand_out_an_id_twice() {
        KafkaStoreOptions options =
                KafkaStoreOptions.of(fabric.bootstrap(), "it.schemas.concurrent." + System.nanoTime());
        try (KafkaSchemaStore a = KafkaSchemaStore.open(options);
                KafkaSchemaStore b = KafkaSchemaStore.open(options)) {
            SchemaRegistry left = new SchemaRegistry(a);
            SchemaRegistry right = new SchemaRegistry(b);
            List<CompletableFuture<SchemaVersion>> writes = new ArrayList<>();
            IntStream.range(0, 10).forEach(i -> {
                writes.add(CompletableFuture.supplyAsync(() -> left.register("left-" + i, record("L" + i, field(i)))));
                writes.add(
                        CompletableFuture.supplyAsync(() -> right.register("right-" + i, record("R" + i, field(i)))));
            });
            List<SchemaVersion> registered =
                    writes.stream().map(CompletableFuture::join).toList();

            assertThat(registered).extracting(SchemaVersion::id).doesNotHaveDuplicates();
            for (SchemaVersion v : registered) {
                assertThat(left.schemaById(v.id())).isEqualTo(v.schema());
                assertThat(right.schemaById(v.id())).isEqualTo(v.schema());
            }
            try (KafkaSchemaStore replayed = KafkaSchemaStore.open(options)) {
                assertThat(replayed.maxId()).isEqualTo(registered.size());
            }
        }
    }

    private ChildJvm startRegistry(String topicSuffix) {
        String topic =
                "it.schemas." + topicSuffix + "." + ProcessHandle.current().pid();
        return fabric.stack()
                .startChild(
                        "registry-" + topicSuffix + "-" + System.nanoTime(),
                        "infra/schema-registry",
                        "dev.computefabric.registry.RegistryMain",
                        List.of(
                                "--port",
                                "0", // it announces the port it bound
                                "--bootstrap",
                                fabric.bootstrap(),
                                "--topic",
                                topic),
                        List.of("-Xmx128m"),
                        Map.of());
    }

    private static String field(int i) {
        return "{\"name\":\"f" + i + "\",\"type\":\"string\"}";
    }

    private static String record(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"it\",\"fields\":[" + fields + "]}";
    }
}
