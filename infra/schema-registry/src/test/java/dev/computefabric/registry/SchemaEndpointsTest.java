package dev.computefabric.registry;

import static dev.computefabric.registry.TestSchemas.USER_V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.registry.RegistryFixture.Reply;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaEndpointsTest {

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void servesASchemaByItsGlobalId() {
        int id = registry.register("users", USER_V1);

        Reply reply = registry.get("/schemas/ids/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(reply.json().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(USER_V1));
    }

    @Test
    void anUnknownIdIs40403() {
        Reply reply = registry.get("/schemas/ids/42");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(RegistryException.SCHEMA_NOT_FOUND);
        assertThat(reply.json().get("message").asText()).isEqualTo("Schema 42 not found");
    }

    @Test
    void anIdThatIsNoNumberIsAPlain404() {
        assertThat(registry.get("/schemas/ids/abc").errorCode()).isEqualTo(404);
    }

    @Test
    void onlyAvroIsServed() {
        assertThat(registry.get("/schemas/types").json())
                .extracting(node -> node.asText())
                .containsExactly("AVRO");
    }
}
