package dev.computefabric.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Calls over the gateway's HTTP API: submit a call and wait for its result in the same request. */
final class HttpCalls implements Caller {

    /** How long one request asks to wait for its result; the gateway caps it (60 s by default), then we ask again. */
    static final Duration WAIT = Duration.ofSeconds(600);

    private static final java.util.Set<String> UNDECIDED = java.util.Set.of("ACCEPTED", "RUNNING", "RETRYING");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the gateway speaks HTTP/1.1; skip the h2c upgrade attempt
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI calls;

    HttpCalls(String gatewayUrl) {
        this.calls = base(gatewayUrl).resolve("v1/calls");
    }

    static URI base(String gatewayUrl) {
        return URI.create(gatewayUrl.endsWith("/") ? gatewayUrl : gatewayUrl + "/");
    }

    HttpClient client() {
        return http;
    }

    @Override
    public CompletableFuture<Outcome> call(String function, String argsJson) {
        return post(
                "{\"function\":\"" + function + "\",\"args\":" + argsJson + ",\"wait\":\"" + WAIT.toSeconds() + "s\"}");
    }

    /** Posts a complete call request (for calls with tables) and waits for it to finish. */
    CompletableFuture<Outcome> post(String requestJson) {
        HttpRequest request = HttpRequest.newBuilder(calls)
                .timeout(WAIT.plusSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestJson))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(this::untilEnded);
    }

    // A wait the gateway cut short answers with the call still running: ask again until it ended.
    private CompletableFuture<Outcome> untilEnded(HttpResponse<String> response) {
        JsonNode call = read(response);
        if ((response.statusCode() == 200 || response.statusCode() == 202)
                && UNDECIDED.contains(call.path("state").asText())) {
            HttpRequest again = HttpRequest.newBuilder(
                            calls.resolve("calls/" + call.path("callId").asText() + "?wait=" + WAIT.toSeconds() + "s"))
                    .timeout(WAIT.plusSeconds(10))
                    .GET()
                    .build();
            return http.sendAsync(again, HttpResponse.BodyHandlers.ofString()).thenCompose(this::untilEnded);
        }
        return CompletableFuture.completedFuture(finished(response, call));
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "unreadable answer: HTTP " + response.statusCode() + " " + response.body(), e);
        }
    }

    static Outcome finished(HttpResponse<String> response, JsonNode call) {
        if (response.statusCode() != 200
                || !"FINISHED".equals(call.path("state").asText())) {
            throw new IllegalStateException(
                    "call did not finish: HTTP " + response.statusCode() + " " + response.body());
        }
        return new Outcome(call.path("callId").asText(), call.path("executorId").asText(null));
    }

    @Override
    public void close() {
        // HttpClient on Java 17 has no close(); its threads are daemons.
    }
}
