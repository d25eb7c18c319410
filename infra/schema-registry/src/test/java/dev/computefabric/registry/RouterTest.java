package dev.computefabric.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.registry.RegistryFixture.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RouterTest {

    @RegisterExtension
    final RegistryFixture registry = new RegistryFixture();

    @Test
    void theRootAnswersAnEmptyObjectForLivenessProbes() {
        Reply reply = registry.get("/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().isObject()).isTrue();
        assertThat(reply.json()).isEmpty();
    }

    @Test
    void anUnknownPathIsA404InConfluentsErrorFormat() {
        Reply reply = registry.get("/no/such/thing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo(RegistryFixture.CONTENT_TYPE);
    }

    @Test
    void aKnownPathWithTheWrongMethodIsA405() {
        assertThat(registry.put("/subjects", "{}").status()).isEqualTo(405);
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        Reply reply = registry.post("/subjects/users/versions", "{not json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400);
    }
}
