package dev.computefabric.registry;

import static dev.computefabric.registry.RegistryFixture.schemaBody;
import static dev.computefabric.registry.TestSchemas.ORDER;
import static dev.computefabric.registry.TestSchemas.USER_V1;
import static dev.computefabric.registry.TestSchemas.USER_V2_WITH_DEFAULT_AGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.registry.RegistryFixture.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SubjectEndpointsTest {

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void registeringAnswersTheIdInConfluentsMediaType() {
        Reply reply = registry.post("/subjects/users/versions", schemaBody(USER_V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(RegistryFixture.CONTENT_TYPE);
        assertThat(reply.json().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameIdAndAddsNoVersion() {
        int first = registry.register("users", USER_V1);
        int again = registry.register("users", USER_V1.replace(" ", "").replace("\n", ""));

        assertThat(again).isEqualTo(first);
        assertThat(registry.get("/subjects/users/versions").json()).hasSize(1);
    }

    @Test
    void theSameSchemaUnderAnotherSubjectKeepsItsGlobalIdAndStartsAtVersionOne() {
        int users = registry.register("users", USER_V1);
        int copy = registry.register("users-copy", USER_V1);
        int orders = registry.register("orders", ORDER);

        assertThat(copy).isEqualTo(users);
        assertThat(orders).isNotEqualTo(users);
        assertThat(registry.get("/subjects/users-copy/versions/1")
                        .json()
                        .get("id")
                        .asInt())
                .isEqualTo(users);
    }

    @Test
    void anInvalidSchemaIsRefusedWith42201() {
        Reply reply = registry.post("/subjects/users/versions", schemaBody("{\"type\": \"record\", \"name\": \"X\"}"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(RegistryException.INVALID_SCHEMA);
        assertThat(reply.json().get("message").asText()).startsWith("Invalid schema");
    }

    @Test
    void aBadDefaultIsAnInvalidSchema() {
        String badDefault =
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":\"one\"}]}";

        assertThat(registry.post("/subjects/x/versions", schemaBody(badDefault)).errorCode())
                .isEqualTo(RegistryException.INVALID_SCHEMA);
    }

    @Test
    void aRequestWithoutSchemaOrOfAnotherTypeIsAnInvalidSchema() {
        assertThat(registry.post("/subjects/x/versions", "{}").errorCode()).isEqualTo(RegistryException.INVALID_SCHEMA);
        assertThat(registry.post("/subjects/x/versions", "{\"schema\": \"{}\", \"schemaType\": \"PROTOBUF\"}")
                        .errorCode())
                .isEqualTo(RegistryException.INVALID_SCHEMA);
    }

    @Test
    void lookupAnswersSubjectIdVersionAndCanonicalSchema() {
        int id = registry.register("users", USER_V1);

        Reply reply = registry.post("/subjects/users", schemaBody(USER_V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("subject").asText()).isEqualTo("users");
        assertThat(reply.json().get("id").asInt()).isEqualTo(id);
        assertThat(reply.json().get("version").asInt()).isEqualTo(1);
        assertThat(reply.json().get("schema").asText()).isEqualTo(AvroSchemas.canonical(AvroSchemas.parse(USER_V1)));
    }

    @Test
    void lookupOfASchemaTheSubjectDoesNotHoldIs40403AndOfAnUnknownSubject40401() {
        registry.register("users", USER_V1);

        assertThat(registry.post("/subjects/users", schemaBody(ORDER)).errorCode())
                .isEqualTo(RegistryException.SCHEMA_NOT_FOUND);
        Reply unknown = registry.post("/subjects/nobody", schemaBody(USER_V1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(unknown.json().get("message").asText()).isEqualTo("Subject 'nobody' not found.");
    }

    @Test
    void listsSubjectsAndVersionsAndServesEachVersionAndTheLatest() {
        registry.register("users", USER_V1);
        int v2 = registry.register("users", USER_V2_WITH_DEFAULT_AGE);
        registry.register("orders", ORDER);

        assertThat(registry.get("/subjects").json())
                .extracting(node -> node.asText())
                .containsExactly("orders", "users");
        assertThat(registry.get("/subjects/users/versions").json())
                .extracting(node -> node.asInt())
                .containsExactly(1, 2);
        Reply latest = registry.get("/subjects/users/versions/latest");
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("id").asInt()).isEqualTo(v2);
        assertThat(registry.get("/subjects/users/versions/1")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(registry.get("/subjects/users/versions/1/schema")
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("User");
    }

    @Test
    void anUnknownVersionIs40402AnInvalidOne42202AndAnUnknownSubject40401() {
        registry.register("users", USER_V1);

        assertThat(registry.get("/subjects/users/versions/7").errorCode())
                .isEqualTo(RegistryException.VERSION_NOT_FOUND);
        Reply invalid = registry.get("/subjects/users/versions/zero");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(RegistryException.INVALID_VERSION);
        assertThat(registry.get("/subjects/nobody/versions").errorCode())
                .isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(registry.get("/subjects/nobody/versions/latest").errorCode())
                .isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
    }

    @Test
    void deletingASubjectHidesItsVersionsButKeepsItsIdsReadable() {
        int id = registry.register("users", USER_V1);

        Reply deleted = registry.delete("/subjects/users");

        assertThat(deleted.json()).extracting(node -> node.asInt()).containsExactly(1);
        assertThat(registry.get("/subjects").json()).isEmpty();
        assertThat(registry.get("/subjects?deleted=true").json())
                .extracting(node -> node.asText())
                .containsExactly("users");
        assertThat(registry.get("/subjects/users/versions").errorCode()).isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(registry.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(registry.delete("/subjects/users").errorCode()).isEqualTo(RegistryException.SUBJECT_SOFT_DELETED);
    }

    @Test
    void reRegisteringAfterADeleteKeepsTheIdAndTakesTheNextVersion() {
        int id = registry.register("users", USER_V1);
        registry.delete("/subjects/users");

        assertThat(registry.register("users", USER_V1)).isEqualTo(id);
        assertThat(registry.get("/subjects/users/versions").json())
                .extracting(node -> node.asInt())
                .containsExactly(2);
    }

    @Test
    void aPermanentDeleteNeedsASoftDeleteFirst() {
        registry.register("users", USER_V1);

        assertThat(registry.delete("/subjects/users?permanent=true").errorCode())
                .isEqualTo(RegistryException.SUBJECT_NOT_SOFT_DELETED);
        registry.delete("/subjects/users");
        assertThat(registry.delete("/subjects/users?permanent=true").json())
                .extracting(node -> node.asInt())
                .containsExactly(1);
        assertThat(registry.get("/subjects?deleted=true").json()).isEmpty();
        assertThat(registry.delete("/subjects/users").errorCode()).isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
    }

    @Test
    void subjectNamesArePercentDecoded() {
        registry.register("dev.computefabric.avro.FuncCall%2Bv1", USER_V1);

        assertThat(registry.get("/subjects").json())
                .extracting(node -> node.asText())
                .containsExactly("dev.computefabric.avro.FuncCall+v1");
    }
}
