package dev.computefabric.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.registry.http.WriteGuard;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteGuardTest {

    private static final Schema SCHEMA = Schema.create(Schema.Type.STRING);
    private static final FabricCredentials WRITER = new FabricCredentials("gateway", "right-password");

    private RegistryServer server;

    @BeforeEach
    void start() {
        server = RegistryServer.start(
                RegistryOptions.defaults().withPort(0),
                new InMemorySchemaStore(),
                WriteGuard.users(Map.of(WRITER.user(), WRITER.password())));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aKnownUserRegistersAndAnyoneReadsWhatItRegistered() {
        int id = new SchemaRegistryClient(server.url().toString(), Optional.of(WRITER)).register("s", SCHEMA);

        assertThat(new SchemaRegistryClient(server.url().toString(), Optional.empty()).schemaById(id))
                .isEqualTo(SCHEMA);
    }

    @Test
    void aWriteWithoutOrWithWrongCredentialsIsRefusedWith401() {
        String url = server.url().toString();
        FabricCredentials wrong = new FabricCredentials(WRITER.user(), "wrong-password");
        FabricCredentials stranger = new FabricCredentials("executor", WRITER.password());

        for (Optional<FabricCredentials> credentials :
                List.of(Optional.<FabricCredentials>empty(), Optional.of(wrong), Optional.of(stranger))) {
            assertThatThrownBy(() -> new SchemaRegistryClient(url, credentials).register("s", SCHEMA))
                    .as("register with %s", credentials)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void aReaderRegisteringASchemaAlreadyThereGetsItsIdAndAddsNothing() {
        String url = server.url().toString();
        int id = new SchemaRegistryClient(url, Optional.of(WRITER)).register("s", SCHEMA);
        SchemaRegistryClient reader = new SchemaRegistryClient(url, Optional.empty());

        assertThat(reader.register("s", SCHEMA)).isEqualTo(id);
        Schema other = Schema.create(Schema.Type.LONG);
        assertThatThrownBy(() -> reader.register("s", other))
                .as("a new schema under a known subject")
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("only a fabric user may register it");
        // A client of its own: the reader's cache knows SCHEMA's id already, whatever the subject.
        assertThatThrownBy(() -> new SchemaRegistryClient(url, Optional.empty()).register("t", SCHEMA))
                .as("a known schema under a new subject")
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void aReaderLooksASchemaUpUnderItsSubject() throws Exception {
        new SchemaRegistryClient(server.url().toString(), Optional.of(WRITER)).register("s", SCHEMA);

        HttpResponse<String> found = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/subjects/s"))
                                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"\\\"string\\\"\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("\"version\":1");
    }

    @Test
    void aRefusalTellsTheClientHowToAuthenticate() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/subjects/s/versions"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"fabric-schema-registry\", charset=\"UTF-8\"");
        assertThat(refused.body()).contains("\"error_code\":401");
    }
}
