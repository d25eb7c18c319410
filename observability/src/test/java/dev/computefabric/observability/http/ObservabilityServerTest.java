package dev.computefabric.observability.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.observability.health.Health;
import dev.computefabric.observability.health.HealthCheck;
import dev.computefabric.observability.metrics.FabricRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ObservabilityServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesPrometheusTextAndBothProbes() throws Exception {
        PrometheusMeterRegistry registry = FabricRegistry.create("executor", "node-1");
        registry.counter("fabric.calls.accepted", "function", "echo").increment(3);
        AtomicBoolean ready = new AtomicBoolean(false);
        Health health = new Health().ready("dispatcher", HealthCheck.of(ready::get, "not dispatching yet"));

        try (ObservabilityServer server =
                ObservabilityServer.start(new ObservabilityOptions("127.0.0.1", 0), "executor", registry, health)) {
            HttpResponse<String> metrics = get(server.url().resolve(ObservabilityServer.METRICS_PATH));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains(
                            "fabric_calls_accepted_total{component=\"executor\",function=\"echo\",node=\"node-1\"} 3.0")
                    .contains("jvm_memory_used_bytes");

            assertThat(get(server.url().resolve(ObservabilityServer.LIVE_PATH)).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> notReady = get(server.url().resolve(ObservabilityServer.READY_PATH));
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("not dispatching yet");
            ready.set(true);
            assertThat(get(server.url().resolve(ObservabilityServer.READY_PATH)).statusCode())
                    .isEqualTo(200);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
