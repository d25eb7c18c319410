package dev.computefabric.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build gate: {@code mvn test} in {@code schemas/} fails when a schema in {@code src/main/avro} can no
 * longer read one of its released versions. To release a schema version, copy it to
 * {@code src/released/<Name>/v<n+1>.avsc}; never edit a released file.
 */
class ReleasedSchemasCompatibilityTest {

    static final Path CURRENT = Path.of("src/main/avro");
    static final Path RELEASED = Path.of("src/released");

    @Test
    void every_schema_reads_the_data_of_all_its_released_versions() {
        assertThat(BackwardCompatibility.violations(CURRENT, RELEASED))
                .as("incompatible schema changes (add fields with defaults instead; see schemas/src/released)")
                .isEmpty();
    }
}
