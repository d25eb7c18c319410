package dev.computefabric.registry;

import static dev.computefabric.registry.TestSchemas.USER_V1;
import static dev.computefabric.registry.TestSchemas.USER_V2_WITH_DEFAULT_AGE;
import static dev.computefabric.registry.TestSchemas.USER_WITHOUT_ID;
import static dev.computefabric.registry.TestSchemas.USER_WITH_REQUIRED_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompatibilityLevelTest {

    private static final SchemaVersion V1 = new SchemaVersion("users", 1, 1, USER_V1, false);
    private static final SchemaVersion V2 = new SchemaVersion("users", 2, 2, USER_V2_WITH_DEFAULT_AGE, false);

    @ParameterizedTest(name = "{0}: required email {1}, dropped id {2}, defaulted age {3}")
    @CsvSource({
        "NONE,                true,  true,  true",
        "BACKWARD,            false, true,  true",
        "BACKWARD_TRANSITIVE, false, true,  true",
        "FORWARD,             true,  false, true",
        "FORWARD_TRANSITIVE,  true,  false, true",
        "FULL,                false, false, true",
        "FULL_TRANSITIVE,     false, false, true",
    })
    void eachLevelChecksItsDirections(
            CompatibilityLevel level, boolean requiredEmail, boolean droppedId, boolean defaultedAge) {
        assertThat(compatibleWithV1(level, USER_WITH_REQUIRED_EMAIL)).isEqualTo(requiredEmail);
        assertThat(compatibleWithV1(level, USER_WITHOUT_ID)).isEqualTo(droppedId);
        assertThat(compatibleWithV1(level, USER_V2_WITH_DEFAULT_AGE)).isEqualTo(defaultedAge);
    }

    @Test
    void onlyTransitiveLevelsCheckOlderVersions() {
        assertThat(CompatibilityLevel.BACKWARD.versionsToCheck(List.of(V1, V2))).containsExactly(V2);
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.versionsToCheck(List.of(V1, V2)))
                .containsExactly(V1, V2);
        assertThat(CompatibilityLevel.FULL.versionsToCheck(List.of())).isEmpty();
    }

    @Test
    void parsingIgnoresCaseAndNamesTheValidLevels() {
        assertThat(CompatibilityLevel.parse(" full_transitive ")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("sideways"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("BACKWARD_TRANSITIVE");
    }

    private static boolean compatibleWithV1(CompatibilityLevel level, String candidate) {
        return level.incompatibilities(parse(candidate), V1, parse(USER_V1)).isEmpty();
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }
}
