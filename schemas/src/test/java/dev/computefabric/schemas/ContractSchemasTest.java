package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.evolution.SchemaFiles;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.testing.TestSchemaRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ContractSchemasTest {

    static final Path AVRO = Path.of("src/main/avro");
    private static final Map<String, Schema> FILES = SchemaFiles.parseDirectory(AVRO);

    @Test
    void every_record_no_other_schema_uses_is_a_registered_value_type() {
        Set<String> nested = new HashSet<>();
        FILES.values().forEach(schema -> collectNested(schema, nested, new HashSet<>(), true));
        List<String> topLevelOnly = FILES.values().stream()
                .filter(s -> s.getType() == Schema.Type.RECORD)
                .map(Schema::getFullName)
                .filter(name -> !nested.contains(name))
                .sorted()
                .toList();
        assertThat(subjects())
                .as("a record in src/main/avro that nothing else uses travels on its own: list it in ContractSchemas")
                .containsAll(topLevelOnly);
    }

    @Test
    void every_registered_value_type_has_its_avsc_file() {
        assertThat(FILES.keySet()).containsAll(subjects());
    }

    @Test
    void every_schema_file_is_registered_itself_or_inside_a_value_type() {
        Set<String> covered = new HashSet<>();
        ContractSchemas.VALUE_TYPES.forEach(
                type -> collectNested(ContractSchemas.of(type), covered, new HashSet<>(), false));
        assertThat(covered).containsAll(FILES.keySet());
    }

    @Test
    void the_registered_schema_is_the_avsc_file_as_written_without_java_only_properties() {
        for (Class<? extends SpecificRecord> type : ContractSchemas.VALUE_TYPES) {
            Schema registered = ContractSchemas.of(type);
            assertThat(registered.toString())
                    .as(type.getSimpleName())
                    .isEqualTo(FILES.get(registered.getFullName()).toString())
                    .doesNotContain("avro.java.string");
        }
    }

    @Test
    void register_all_sends_every_value_schema_as_its_avsc_states_it() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            Map<String, Integer> ids = ContractSchemas.registerAll(new SchemaRegistryClient(registry.url()));

            assertThat(ids.keySet()).containsExactlyElementsOf(subjects());
            for (Class<? extends SpecificRecord> type : ContractSchemas.VALUE_TYPES) {
                assertThat(registry.idOf(ContractSchemas.of(type).toString()))
                        .as(type.getSimpleName())
                        .isEqualTo(ids.get(ContractSchemas.subjectOf(type)));
            }
        }
    }

    private static List<String> subjects() {
        return ContractSchemas.VALUE_TYPES.stream()
                .map(ContractSchemas::subjectOf)
                .toList();
    }

    /** The full names of the named types {@code schema} uses (itself too unless {@code skipSelf}). */
    private static void collectNested(Schema schema, Set<String> names, Set<Schema> seen, boolean skipSelf) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                if (!skipSelf) {
                    names.add(schema.getFullName());
                }
                schema.getFields().forEach(f -> collectNested(f.schema(), names, seen, false));
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case ARRAY -> collectNested(schema.getElementType(), names, seen, false);
            case MAP -> collectNested(schema.getValueType(), names, seen, false);
            case UNION -> schema.getTypes().forEach(t -> collectNested(t, names, seen, false));
            default -> {
                // primitives name no type
            }
        }
    }
}
