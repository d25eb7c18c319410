package dev.computefabric.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh registry on a free port for each test, and a plain HTTP client to talk to it. */
final class RegistryFixture implements BeforeEachCallback, AfterEachCallback {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RegistryServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = RegistryServer.start(RegistryOptions.defaults().withPort(0), new InMemorySchemaStore());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    URI url() {
        return server.url();
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Registers {@code schema} under {@code subject} and returns its id, failing unless the registry accepts it. */
    int register(String subject, String schema) {
        Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema));
        if (reply.status() != 200) {
            throw new AssertionError("registering under " + subject + " failed: " + reply);
        }
        return reply.json().get("id").asInt();
    }

    /** {@code {"schema": "<schema as a JSON string>"}}, the body of register, lookup and compatibility calls. */
    static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("registry request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An HTTP answer: status, content type and parsed JSON body. */
    record Reply(int status, String contentType, JsonNode json) {

        int errorCode() {
            return json.path("error_code").asInt(-1);
        }
    }
}
