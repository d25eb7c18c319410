package dev.computefabric.registry;

import static dev.computefabric.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schemas that differ only in properties Avro's Java code reads are one schema: the generated classes'
 * schema (with {@code "avro.java.string": "String"}) and the {@code .avsc} a Python client registers get
 * the same id, version and lookup answer, as Confluent's registry does with {@code normalize=true}.
 */
class NormalizationTest {

    /** The .avsc as a non-Java client sends it. */
    static final String AVSC = """
            {"type": "record", "name": "Call", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []}
            ]}""";

    /** The same schema as Avro's Java code generator renders it with stringType=String. */
    static final String GENERATED = """
            {"type": "record", "name": "Call", "namespace": "test", "java-class": "test.Call", "fields": [
              {"name": "id", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "tags", "type": {"type": "array", "items": {"type": "string", "avro.java.string": "String"}},
               "default": []}
            ]}""";

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void the_avsc_finds_the_version_the_generated_schema_registered() {
        int id = registry.register("test.Call", GENERATED);

        RegistryFixture.Reply lookup = registry.post("/subjects/test.Call", schemaBody(AVSC));

        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().get("id").asInt()).isEqualTo(id);
        assertThat(lookup.json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void registering_the_avsc_after_the_generated_schema_adds_no_version_and_keeps_the_id() {
        int generated = registry.register("test.Call", GENERATED);

        int avsc = registry.register("test.Call", AVSC);

        assertThat(avsc).isEqualTo(generated);
        assertThat(registry.get("/subjects/test.Call/versions").json()).hasSize(1);
    }

    @Test
    void under_another_subject_the_avsc_gets_the_generated_schemas_global_id() {
        int generated = registry.register("test.Call", GENERATED);

        assertThat(registry.register("calls-value", AVSC)).isEqualTo(generated);
    }

    @Test
    void the_registry_keeps_and_serves_the_schema_without_java_only_properties() {
        int id = registry.register("test.Call", GENERATED);

        String stored = registry.get("/schemas/ids/" + id).json().get("schema").asText();

        assertThat(stored).doesNotContain("avro.java.string", "java-class").contains("\"name\":\"Call\"");
    }

    @Test
    void other_properties_still_make_a_different_schema() {
        int plain = registry.register("a", AVSC);

        int documented =
                registry.register("b", AVSC.replace("\"name\": \"Call\",", "\"name\": \"Call\", \"owner\": \"x\","));

        assertThat(documented).isNotEqualTo(plain);
    }

    @Test
    void a_schema_stored_with_java_properties_before_normalization_keeps_its_id_and_version() {
        InMemorySchemaStore store = new InMemorySchemaStore();
        store.put(new SchemaVersion(
                "test.Call", 1, 7, AvroSchemas.parse(GENERATED).toString(), false));
        SchemaRegistry registry = new SchemaRegistry(store);

        assertThat(registry.lookup("test.Call", AVSC).id()).isEqualTo(7);
        assertThat(registry.register("test.Call", AVSC).version()).isEqualTo(1);
        assertThat(registry.register("calls-value", AVSC).id()).isEqualTo(7);
    }
}
