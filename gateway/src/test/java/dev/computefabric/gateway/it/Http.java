package dev.computefabric.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal client of one gateway's {@code /v1/calls}, {@code /v1/pipelines} and {@code /v1/functions}, for the integration tests. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: the HTTP status, the JSON body and the {@code Location} header (null without one). */
    record Answer(int status, JsonNode body, String location) {
        String state() {
            return body.path("state").asString();
        }

        String callId() {
            return body.path("callId").asString();
        }
    }

    private final String baseUrl;

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Follows {@code GET /v1/calls/{id}/events} until the call ends (or {@code within} passes): the JSON of
     * every {@code status} event, in order.
     */
    List<JsonNode> events(String callId, Duration within) {
        try (Stream<String> lines = stream("/v1/calls/" + callId + "/events", within)) {
            return lines.filter(line -> line.startsWith("data:"))
                    .map(line -> JSON.readTree(line.substring("data:".length())))
                    .toList();
        }
    }

    /** Opens the event stream at {@code path}: its lines as they arrive, until the gateway ends it. */
    Stream<String> stream(String path) {
        return stream(path, null);
    }

    private Stream<String> stream(String path, Duration within) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream");
        if (within != null) {
            request.timeout(within);
        }
        HttpResponse<Stream<String>> response = exchange(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    Answer post(String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST} of JSON to any path of the gateway, e.g. {@code /v1/pipelines}. */
    Answer postPath(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code DELETE} of any path of the gateway, e.g. {@code /v1/pipelines/{id}}. */
    Answer deletePath(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** {@code GET} of any path of the gateway, e.g. {@code /v1/functions}. */
    Answer getPath(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** Any GET of the gateway answering text, e.g. {@code /actuator/prometheus}: its body. */
    String text(String path) {
        HttpResponse<String> response = exchange(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    Answer get(String callId, String wait) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/calls/" + callId + query(wait)))
                .GET());
    }

    /** Any GET of the API, e.g. {@code /v1/calls?limit=1}: its JSON body. */
    JsonNode getJson(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET())
                .body();
    }

    Answer delete(String callId, String wait) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/calls/" + callId + query(wait)))
                .DELETE());
    }

    private static String query(String wait) {
        return wait == null ? "" : "?wait=" + wait;
    }

    private static Answer send(HttpRequest.Builder request) {
        HttpResponse<String> response =
                exchange(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                JSON.readTree(response.body()),
                response.headers().firstValue("Location").orElse(null));
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
