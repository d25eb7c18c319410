package dev.computefabric.registry;

import static dev.computefabric.registry.RegistryFixture.schemaBody;
import static dev.computefabric.registry.TestSchemas.USER_V1;
import static dev.computefabric.registry.TestSchemas.USER_V2_WITH_DEFAULT_AGE;
import static dev.computefabric.registry.TestSchemas.USER_V3_AGE_REQUIRED;
import static dev.computefabric.registry.TestSchemas.USER_WITHOUT_ID;
import static dev.computefabric.registry.TestSchemas.USER_WITH_REQUIRED_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.registry.RegistryFixture.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigEndpointsTest {

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void theGlobalLevelIsBackwardUntilChanged() {
        assertThat(level(registry.get("/config"))).isEqualTo("BACKWARD");

        Reply put = registry.put("/config", "{\"compatibility\": \"full\"}");

        assertThat(put.json().get("compatibility").asText()).isEqualTo("FULL");
        assertThat(level(registry.get("/config"))).isEqualTo("FULL");
    }

    @Test
    void aSubjectWithoutItsOwnLevelIs40408UnlessDefaultingToGlobal() {
        assertThat(registry.get("/config/users").errorCode()).isEqualTo(RegistryException.SUBJECT_CONFIG_NOT_FOUND);
        assertThat(level(registry.get("/config/users?defaultToGlobal=true"))).isEqualTo("BACKWARD");
    }

    @Test
    void aSubjectLevelOverridesTheGlobalOneUntilDeleted() {
        registry.put("/config/users", "{\"compatibility\": \"NONE\"}");

        assertThat(level(registry.get("/config/users"))).isEqualTo("NONE");
        assertThat(level(registry.delete("/config/users"))).isEqualTo("NONE");
        assertThat(registry.get("/config/users").errorCode()).isEqualTo(RegistryException.SUBJECT_CONFIG_NOT_FOUND);
    }

    @Test
    void anUnknownLevelIs42203() {
        Reply reply = registry.put("/config", "{\"compatibility\": \"SIDEWAYS\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(RegistryException.INVALID_COMPATIBILITY_LEVEL);
    }

    @Test
    void registeringAnIncompatibleSchemaIs409WithTheReason() {
        registry.register("users", USER_V1);

        Reply reply = registry.post("/subjects/users/versions", schemaBody(USER_WITH_REQUIRED_EMAIL));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo(RegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(reply.json().get("message").asText()).contains("incompatible", "users", "email");
        assertThat(registry.get("/subjects/users/versions").json()).hasSize(1);
    }

    @Test
    void noneAcceptsAnythingForTheSubjectItIsSetOn() {
        registry.register("users", USER_V1);
        registry.put("/config/users", "{\"compatibility\": \"NONE\"}");

        assertThat(registry.post("/subjects/users/versions", schemaBody(USER_WITH_REQUIRED_EMAIL))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void forwardRefusesASchemaTheOldOneCannotRead() {
        registry.put("/config", "{\"compatibility\": \"FORWARD\"}");
        registry.register("users", USER_V1);

        assertThat(registry.post("/subjects/users/versions", schemaBody(USER_WITHOUT_ID))
                        .status())
                .isEqualTo(409);
        assertThat(registry.post("/subjects/users/versions", schemaBody(USER_WITH_REQUIRED_EMAIL))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void transitiveLevelsCheckEveryVersionNotJustTheLatest() {
        registry.register("users", USER_V1);
        registry.register("users", USER_V2_WITH_DEFAULT_AGE);
        registry.put("/config/users", "{\"compatibility\": \"BACKWARD_TRANSITIVE\"}");

        assertThat(registry.post("/subjects/users/versions", schemaBody(USER_V3_AGE_REQUIRED))
                        .status())
                .isEqualTo(409);

        registry.put("/config/users", "{\"compatibility\": \"BACKWARD\"}");
        assertThat(registry.post("/subjects/users/versions", schemaBody(USER_V3_AGE_REQUIRED))
                        .status())
                .isEqualTo(200);
    }

    private static String level(Reply reply) {
        return reply.json().get("compatibilityLevel").asText();
    }
}
