package dev.computefabric.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Fabric round trips over the gateway's HTTP API: submit a call and wait for its result in the same request. */
final class HttpCalls {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the gateway speaks HTTP/1.1; skip the h2c upgrade attempt
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI calls;

    HttpCalls(String gatewayUrl) {
        this.calls = URI.create(gatewayUrl.endsWith("/") ? gatewayUrl : gatewayUrl + "/").resolve("v1/calls");
    }

    /** {@code echo}: the no-op call, the fabric's cost and nothing else. */
    CompletableFuture<Void> echo() {
        return call("{\"function\":\"echo\",\"args\":{\"bench\":true},\"wait\":\"" + WAIT.toSeconds() + "s\"}");
    }

    CompletableFuture<Void> sleep(Duration duration) {
        return call("{\"function\":\"sleep\",\"args\":{\"ms\":" + duration.toMillis() + "},\"wait\":\"" + WAIT.toSeconds() + "s\"}");
    }

    private CompletableFuture<Void> call(String body) {
        HttpRequest request = HttpRequest.newBuilder(calls)
                .timeout(WAIT.plusSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 200 || !response.body().contains("\"FINISHED\"")) {
                throw new IllegalStateException("call did not finish: HTTP " + response.statusCode() + " " + response.body());
            }
        });
    }
}
