package dev.computefabric.registry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.registry.CompatibilityLevel;
import dev.computefabric.registry.InMemorySchemaStore;
import dev.computefabric.registry.SchemaVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Replaying the schema topic's records rebuilds the registry's state, tombstones and compaction included. */
class SchemaLogTest {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";
    private final InMemorySchemaStore view = new InMemorySchemaStore();

    @Test
    void a_version_record_restores_version_id_and_schema() {
        SchemaVersion v = new SchemaVersion("a-value", 1, 7, SCHEMA, false);
        SchemaLog.apply(SchemaLog.schemaKey("a-value", 1), SchemaLog.schemaValue(v), view);

        assertThat(view.versions("a-value")).containsExactly(v);
        assertThat(view.schemaById(7)).contains(SCHEMA);
        assertThat(view.maxId()).isEqualTo(7);
    }

    @Test
    void an_id_outlives_a_tombstoned_version_so_it_is_never_handed_out_again() {
        SchemaVersion v = new SchemaVersion("a-value", 1, 3, SCHEMA, false);
        // After compaction only the id record and the tombstone remain.
        SchemaLog.apply(SchemaLog.idKey(3), SchemaLog.idValue(3, SCHEMA), view);
        SchemaLog.apply(SchemaLog.schemaKey("a-value", 1), SchemaLog.schemaValue(v), view);
        SchemaLog.apply(SchemaLog.schemaKey("a-value", 1), null, view);

        assertThat(view.subjects()).isEmpty();
        assertThat(view.schemaById(3)).contains(SCHEMA);
        assertThat(view.maxId()).isEqualTo(3);
    }

    @Test
    void config_records_set_and_remove_global_and_subject_levels() {
        SchemaLog.apply(SchemaLog.configKey(null), SchemaLog.configValue(CompatibilityLevel.FULL), view);
        SchemaLog.apply(SchemaLog.configKey("a-value"), SchemaLog.configValue(CompatibilityLevel.NONE), view);
        assertThat(view.globalCompatibility()).contains(CompatibilityLevel.FULL);
        assertThat(view.subjectCompatibility("a-value")).contains(CompatibilityLevel.NONE);

        SchemaLog.apply(SchemaLog.configKey("a-value"), null, view);
        SchemaLog.apply(SchemaLog.configKey(null), null, view);
        assertThat(view.subjectCompatibility("a-value")).isEmpty();
        assertThat(view.globalCompatibility()).isEmpty();
    }

    @Test
    void records_of_an_unknown_type_are_skipped() {
        SchemaLog.apply("{\"keytype\":\"NOOP\"}".getBytes(StandardCharsets.UTF_8), new byte[0], view);
        assertThat(view.subjects()).isEmpty();
    }
}
