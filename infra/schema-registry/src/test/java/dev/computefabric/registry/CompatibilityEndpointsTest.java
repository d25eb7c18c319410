package dev.computefabric.registry;

import static dev.computefabric.registry.RegistryFixture.schemaBody;
import static dev.computefabric.registry.TestSchemas.USER_V1;
import static dev.computefabric.registry.TestSchemas.USER_V2_WITH_DEFAULT_AGE;
import static dev.computefabric.registry.TestSchemas.USER_V3_AGE_REQUIRED;
import static dev.computefabric.registry.TestSchemas.USER_WITH_REQUIRED_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.registry.RegistryFixture.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CompatibilityEndpointsTest {

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void aCompatibleSchemaIsReportedCompatibleWithoutBeingRegistered() {
        registry.register("users", USER_V1);

        Reply reply =
                registry.post("/compatibility/subjects/users/versions/latest", schemaBody(USER_V2_WITH_DEFAULT_AGE));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("is_compatible").asBoolean()).isTrue();
        assertThat(registry.get("/subjects/users/versions").json()).hasSize(1);
    }

    @Test
    void anIncompatibleSchemaIsReportedWithReasonsWhenVerbose() {
        registry.register("users", USER_V1);

        Reply reply = registry.post(
                "/compatibility/subjects/users/versions/1?verbose=true", schemaBody(USER_WITH_REQUIRED_EMAIL));

        assertThat(reply.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(reply.json().get("messages").get(0).asText())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "email");
    }

    @Test
    void latestFollowsTheTransitiveLevelWhileANumberedVersionChecksOnlyThatOne() {
        registry.register("users", USER_V1);
        registry.register("users", USER_V2_WITH_DEFAULT_AGE);
        registry.put("/config/users", "{\"compatibility\": \"BACKWARD_TRANSITIVE\"}");

        assertThat(compatible("/compatibility/subjects/users/versions/latest", USER_V3_AGE_REQUIRED))
                .isFalse();
        assertThat(compatible("/compatibility/subjects/users/versions", USER_V3_AGE_REQUIRED))
                .isFalse();
        assertThat(compatible("/compatibility/subjects/users/versions/2", USER_V3_AGE_REQUIRED))
                .isTrue();
    }

    @Test
    void checkingAgainstAnUnknownSubjectIs40401AndAnUnknownVersion40402() {
        registry.register("users", USER_V1);

        assertThat(registry.post("/compatibility/subjects/nobody/versions/latest", schemaBody(USER_V1))
                        .errorCode())
                .isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(registry.post("/compatibility/subjects/users/versions/9", schemaBody(USER_V1))
                        .errorCode())
                .isEqualTo(RegistryException.VERSION_NOT_FOUND);
    }

    @Test
    void anInvalidCandidateIs42201() {
        registry.register("users", USER_V1);

        assertThat(registry.post("/compatibility/subjects/users/versions/latest", schemaBody("not json"))
                        .errorCode())
                .isEqualTo(RegistryException.INVALID_SCHEMA);
    }

    private boolean compatible(String path, String schema) {
        Reply reply = registry.post(path, schemaBody(schema));
        assertThat(reply.status()).as("%s answered %s", path, reply).isEqualTo(200);
        return reply.json().get("is_compatible").asBoolean();
    }
}
