package dev.computefabric.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal client of one gateway's {@code /v1/calls}, for the integration tests. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: the HTTP status and the JSON body. */
    record Answer(int status, JsonNode body) {
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

    Answer post(String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/calls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer get(String callId, String wait) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/calls/" + callId + query(wait))).GET());
    }

    Answer delete(String callId, String wait) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/calls/" + callId + query(wait))).DELETE());
    }

    private static String query(String wait) {
        return wait == null ? "" : "?wait=" + wait;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
