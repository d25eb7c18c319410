package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.LocalFabric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees of a run: every component's Prometheus series count the calls the run made, every probe
 * says ready, and a call's W3C trace comes back on its status and names the call's lines in the executor's and
 * the router's logs. Counters are compared before and after the run: other tests share the fabric, not at once.
 */
@ExtendWith(SharedFabric.class)
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern ANNOUNCED = Pattern.compile("metrics on (http://\\S+)/metrics");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalFabric fabric;
    /** Component name (router, executor-1, executor-2) → its operator endpoint. */
    private Map<String, URI> endpoints;

    @BeforeEach
    void findEndpoints(LocalFabric fabric) {
        this.fabric = fabric;
        endpoints = new LinkedHashMap<>();
        for (ChildJvm child : fabric.stack().children()) {
            if (child.name().equals("router") || child.name().startsWith("executor-")) {
                endpoints.put(child.name(), announced(child));
            }
        }
        assertThat(endpoints).containsKeys("router", "executor-1", "executor-2");
    }

    @Test
    void everyComponentIsLiveAndReady() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (URI endpoint : endpoints.values()) {
                assertThat(get(endpoint.resolve("/health/live")).statusCode()).isEqualTo(200);
                HttpResponse<String> ready = get(endpoint.resolve("/health/ready"));
                assertThat(ready.statusCode())
                        .as("%s: %s", endpoint, ready.body())
                        .isEqualTo(200);
            }
            HttpResponse<String> gateway = get(URI.create(fabric.gatewayUrl() + "/actuator/health/readiness"));
            assertThat(gateway.statusCode()).as(gateway.body()).isEqualTo(200);
            assertThat(get(URI.create(fabric.gatewayUrl() + "/actuator/health/liveness"))
                            .statusCode())
                    .isEqualTo(200);
        });
    }

    @Test
    void everyComponentsSeriesCountTheCallsOfARun() throws Exception {
        Scrapes before = scrapeAll();
        int echoes = 3;
        int failures = 2;
        String csv = "x,y\n1,2\n3,4\n5,6\n";
        for (int i = 0; i < echoes; i++) {
            ObjectNode echo = GatewayClient.call("echo");
            echo.putObject("args").put("n", i);
            assertThat(submit(echo, Optional.empty()).path("state").asText()).isEqualTo("FINISHED");
        }
        for (int i = 0; i < failures; i++) {
            ObjectNode fail = GatewayClient.call("fail");
            fail.putObject("args").put("message", "failing on purpose " + i);
            assertThat(submit(fail, Optional.empty()).path("state").asText()).isEqualTo("FAILED");
        }
        ObjectNode describe = GatewayClient.call("table.describe");
        describe.putObject("tables").putObject("input").put("format", "csv").put("content", csv);
        assertThat(submit(describe, Optional.empty()).path("state").asText()).isEqualTo("FINISHED");

        // The router and the executors count as results land, a moment after the gateway answered.
        await().atMost(PATIENCE).untilAsserted(() -> {
            Scrapes after = scrapeAll();
            assertThat(after.gatewayDelta(before, "fabric_calls_accepted_total", "function", "echo", "capset", "any"))
                    .isEqualTo(echoes);
            assertThat(after.gatewayDelta(before, "fabric_calls_accepted_total", "function", "fail"))
                    .isEqualTo(failures);
            assertThat(after.routerDelta(
                            before,
                            "fabric_calls_ended_total",
                            "function",
                            "echo",
                            "state",
                            "FINISHED",
                            "capset",
                            "any"))
                    .isEqualTo(echoes);
            assertThat(after.routerDelta(before, "fabric_calls_ended_total", "function", "fail", "state", "FAILED"))
                    .isEqualTo(failures);
            assertThat(after.routerDelta(before, "fabric_call_latency_seconds_count", "function", "echo"))
                    .isEqualTo(echoes);
            assertThat(after.executorsDelta(
                            before, "fabric_executor_calls_total", "function", "echo", "state", "FINISHED"))
                    .isEqualTo(echoes);
            assertThat(after.executorsDelta(
                            before, "fabric_executor_calls_total", "function", "fail", "state", "FAILED"))
                    .isEqualTo(failures);
            assertThat(after.executorsDelta(before, "fabric_call_run_seconds_count", "function", "echo"))
                    .isEqualTo(echoes);
            assertThat(after.executorsDelta(before, "fabric_call_queue_wait_seconds_count", "capset", "any"))
                    .isEqualTo(echoes + failures + 1);
            assertThat(after.executorsDelta(before, "fabric_table_bytes_total", "direction", "in"))
                    .isGreaterThanOrEqualTo(csv.length());
            // At rest every slot is free again: two executors of four slots each.
            assertThat(after.executors("fabric_executor_slots_busy")).isZero();
            assertThat(after.executors("fabric_executor_slots_free")).isEqualTo(8);
            assertThat(after.router.has("fabric_router_dropped_results_total")).isTrue();
            assertThat(after.router.has("fabric_router_duplicate_calls_total")).isTrue();
            assertThat(after.router.has("fabric_router_cache_hits_total")).isTrue();
            assertThat(after.gateway.has("fabric_queue_calls", "capset", "any")).isTrue();
        });
    }

    @Test
    void aTraceSentWithACallComesBackOnItsStatusAndNamesItsLogLines() throws Exception {
        String traceId = HexFormat.of().formatHex(random(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01";
        ObjectNode echo = GatewayClient.call("echo");
        echo.putObject("args").put("traced", true);

        JsonNode answer = submit(echo, Optional.of(traceparent));
        String callId = answer.path("callId").asText();
        String executor = answer.path("executorId").asText();

        assertThat(answer.path("state").asText()).isEqualTo("FINISHED");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = JSON.readTree(
                    get(URI.create(fabric.gatewayUrl() + "/v1/calls/" + callId)).body());
            assertThat(status.path("traceId").asText()).isEqualTo(traceId);
            assertThat(linesAbout(child(executor), callId))
                    .as("executor %s log lines of call %s", executor, callId)
                    .isNotEmpty()
                    .allMatch(line -> line.contains("traceId=" + traceId));
            assertThat(linesAbout(child("router"), callId))
                    .as("router log lines of call %s", callId)
                    .isNotEmpty()
                    .allMatch(line -> line.contains("traceId=" + traceId));
        });
    }

    @Test
    void aCallSentWithoutATraceGetsOneFromTheGateway() throws Exception {
        HttpResponse<String> response = post(GatewayClient.call("echo"), Optional.empty());
        JsonNode answer = JSON.readTree(response.body());

        String header = response.headers().firstValue("traceparent").orElseThrow();
        assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = JSON.readTree(get(URI.create(fabric.gatewayUrl() + "/v1/calls/"
                            + answer.path("callId").asText()))
                    .body());
            assertThat(status.path("traceId").asText()).isEqualTo(header.substring(3, 35));
        });
    }

    /** The lines of a component's log that name {@code callId} in their MDC. */
    private static List<String> linesAbout(ChildJvm child, String callId) throws IOException {
        try (var lines = Files.lines(child.logFile())) {
            return lines.filter(line -> line.contains("callId=" + callId)).toList();
        }
    }

    private ChildJvm child(String name) {
        return fabric.stack().children().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component " + name));
    }

    private static URI announced(ChildJvm child) {
        Path log = child.logFile();
        try (var lines = Files.lines(log)) {
            return lines.map(ANNOUNCED::matcher)
                    .filter(Matcher::find)
                    .map(m -> URI.create(m.group(1)))
                    .reduce((first, later) -> later)
                    .orElseThrow(() -> new AssertionError(child.name() + " announced no metrics endpoint in " + log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode submit(ObjectNode request, Optional<String> traceparent) throws Exception {
        HttpResponse<String> response = post(request, traceparent);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(ObjectNode request, Optional<String> traceparent) throws Exception {
        request.put("wait", WAIT.toSeconds() + "s");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(fabric.gatewayUrl() + "/v1/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()));
        traceparent.ifPresent(t -> builder.header("traceparent", t));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Scrapes scrapeAll() throws IOException, InterruptedException {
        PrometheusText gateway = scrape(URI.create(fabric.gatewayUrl() + "/actuator/prometheus"));
        PrometheusText router = scrape(endpoints.get("router").resolve("/metrics"));
        List<PrometheusText> executors = List.of(
                scrape(endpoints.get("executor-1").resolve("/metrics")),
                scrape(endpoints.get("executor-2").resolve("/metrics")));
        return new Scrapes(gateway, router, executors);
    }

    private PrometheusText scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = get(uri);
        assertThat(response.statusCode()).as("scrape of %s", uri).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /** One scrape of every component. */
    private record Scrapes(PrometheusText gateway, PrometheusText router, List<PrometheusText> executors) {

        double gatewayDelta(Scrapes before, String name, String... labels) {
            return gateway.sum(name, labels) - before.gateway.sum(name, labels);
        }

        double routerDelta(Scrapes before, String name, String... labels) {
            return router.sum(name, labels) - before.router.sum(name, labels);
        }

        double executorsDelta(Scrapes before, String name, String... labels) {
            return executors(name, labels) - before.executors(name, labels);
        }

        double executors(String name, String... labels) {
            return executors.stream().mapToDouble(e -> e.sum(name, labels)).sum();
        }
    }
}
