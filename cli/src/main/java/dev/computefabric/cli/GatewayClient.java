package dev.computefabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.schemas.IdempotencyKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The gateway's HTTP API, as the demo and the end-to-end tests use it. */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Optional<String> bearerToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(String baseUrl) {
        this(baseUrl, Optional.empty());
    }

    /** A client that sends {@code bearerToken} (an API token) with every request, as a secure gateway wants. */
    public GatewayClient(String baseUrl, Optional<String> bearerToken) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.bearerToken = bearerToken;
    }

    /** An HTTP answer: status code and JSON body. */
    public record Answer(int status, JsonNode body) {

        public String state() {
            return body.path("state").asText();
        }
    }

    public static ObjectNode call(String function) {
        return JSON.createObjectNode().put("function", function);
    }

    /** Submits {@code request} ({@code POST /v1/calls}); with {@code wait} the gateway answers once the call ends. */
    public Answer submit(ObjectNode request, Duration wait) {
        return submit(request, wait, null);
    }

    /** {@link #submit(ObjectNode, Duration)} with an {@code Idempotency-Key} (null: none). */
    public Answer submit(ObjectNode request, Duration wait, String idempotencyKey) {
        ObjectNode body = request.deepCopy();
        if (wait != null) {
            body.put("wait", wait.toMillis() + "ms");
        }
        Duration timeout = (wait == null ? Duration.ZERO : wait).plusSeconds(30);
        HttpRequest.Builder post = HttpRequest.newBuilder(baseUrl.resolve("v1/calls"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (idempotencyKey != null) {
            post.header(IdempotencyKeys.HEADER, idempotencyKey);
        }
        return send(post);
    }

    /** Submits a pipeline ({@code POST /v1/pipelines}); with {@code wait} the gateway answers once it ends. */
    public Answer submitPipeline(ObjectNode request, Duration wait) {
        ObjectNode body = request.deepCopy();
        if (wait != null) {
            body.put("wait", wait.toMillis() + "ms");
        }
        return send(HttpRequest.newBuilder(baseUrl.resolve("v1/pipelines"))
                .timeout((wait == null ? Duration.ZERO : wait).plusSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** {@code GET /v1/pipelines/<id>}: the pipeline and each of its steps as they stand. */
    public Answer pipeline(String pipelineId) {
        return send(HttpRequest.newBuilder(baseUrl.resolve("v1/pipelines/" + pipelineId))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    /** Posts raw text as the request body, for tests of malformed input. */
    public Answer submitRaw(String body) {
        return send(HttpRequest.newBuilder(baseUrl.resolve("v1/calls"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code GET /v1/executors}: the nodes alive now. */
    public Answer executors() {
        return send(HttpRequest.newBuilder(baseUrl.resolve("v1/executors"))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    public Answer get(String callId) {
        return send(HttpRequest.newBuilder(baseUrl.resolve("v1/calls/" + callId))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    private Answer send(HttpRequest.Builder request) {
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("gateway " + baseUrl + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the gateway", e);
        }
    }
}
