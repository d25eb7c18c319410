package dev.computefabric.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.computefabric.sdk.CallRequest;
import dev.computefabric.sdk.CallResult;
import dev.computefabric.sdk.FabricClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's docker-compose.yml, brought up with docker-compose against the engine Testcontainers uses (podman's
 * socket here: DOCKER_HOST), two executors, and calls through its gateway. A project name and host ports of its own,
 * so that it meets no other stack on this machine; {@code down -v} at the end. Skipped, saying why, without an engine,
 * the images or docker-compose.
 */
@EnabledIfFabricImages
class ComposeIT {

    static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");
    static final String PROJECT =
            "fabric-compose-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final Duration UP = Duration.ofMinutes(5);
    static final Duration CALL = Duration.ofMinutes(2);
    static final int EXECUTORS = 2;

    static Map<String, String> ports;
    static boolean started;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(Files.isRegularFile(COMPOSE_FILE), "skipped: no " + COMPOSE_FILE.toAbsolutePath());
        assumeTrue(
                compose(Duration.ofSeconds(60), "version") == 0,
                "skipped: docker-compose is not on the PATH"
                        + " (Debian: apt-get install --no-install-recommends docker-compose)");
        ports = Map.of(
                "FABRIC_GATEWAY_PORT", "" + freePort(),
                "FABRIC_REGISTRY_PORT", "" + freePort(),
                "FABRIC_S3_PORT", "" + freePort(),
                "FABRIC_ROUTER_METRICS_PORT", "" + freePort());
        started = true;
        assertThat(compose(UP, "up", "-d", "--scale", "executor=" + EXECUTORS))
                .as("docker-compose up (its output is in this test's output file)")
                .isZero();
    }

    @AfterAll
    static void down() throws Exception {
        if (started) {
            compose(UP, "down", "-v", "-t", "10");
        }
    }

    @Test
    void callsThroughTheGatewayRunOnTheExecutorsATableTravelsThroughS3AndTheRouterServesMetrics() throws Exception {
        FabricClient fabric = FabricClient.connect(URI.create("http://localhost:" + ports.get("FABRIC_GATEWAY_PORT")));
        await("the gateway lists " + EXECUTORS + " executors for echo")
                .atMost(UP)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> FabricContainer.liveNodes(fabric.function("echo").toString()) == EXECUTORS);

        System.out.println("the gateway lists both executors");
        Set<String> executors = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String callId = fabric.submit(CallRequest.of("echo").withArgs("{\"n\": " + i + "}"))
                    .callId();
            CallResult done = await("call " + callId)
                    .atMost(CALL)
                    .until(() -> fabric.get(callId, Duration.ofSeconds(10)), CallResult::isTerminal);
            assertThat(done.state()).as("%s", done).isEqualTo("FINISHED");
            assertThat(done.output().get("n").asInt()).isEqualTo(i);
            executors.add(done.executorId());
        }
        assertThat(executors).isNotEmpty().allMatch(id -> id != null && !id.isBlank());

        // ~400 KB of CSV: above the inline limit, so the gateway stores it in the S3 container and the executor
        // reads it from there.
        StringBuilder csv = new StringBuilder("region,amount\n");
        for (int row = 0; row < 25_000; row++) {
            csv.append("region-").append(row % 7).append(',').append(row).append('\n');
        }
        String describeId = fabric.submit(CallRequest.of("table.describe")
                        .withTable("input", new CallRequest.TableInput("csv", csv.toString())))
                .callId();
        CallResult described = await("call " + describeId)
                .atMost(CALL)
                .until(() -> fabric.get(describeId, Duration.ofSeconds(10)), CallResult::isTerminal);
        assertThat(described.state()).as("%s", described).isEqualTo("FINISHED");
        assertThat(described.output().get("rows").asInt()).isEqualTo(25_000);

        URI metrics = URI.create("http://localhost:" + ports.get("FABRIC_ROUTER_METRICS_PORT") + "/metrics");
        await("the router's metrics")
                .atMost(CALL)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(get(metrics)).contains("fabric_"));
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Runs docker-compose on the file with this test's project and ports; its output goes to the test's output. */
    private static int compose(Duration bound, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", COMPOSE_FILE.toString(), "-p", PROJECT));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("COMPOSE_DOCKER_CLI_BUILD", "0");
        if (ports != null) {
            builder.environment().putAll(ports);
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return -1; // not on the PATH
        }
        process.getOutputStream().close();
        Thread echo = new Thread(() -> {
            try {
                System.out.println(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.out.println("docker-compose output unreadable: " + e);
            }
        });
        echo.start();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "docker-compose " + String.join(" ", args) + " did not finish within " + bound.toSeconds() + " s");
        }
        echo.join(TimeUnit.SECONDS.toMillis(10));
        System.out.printf(
                "docker-compose %s: exit %d after %.1f s%n",
                String.join(" ", args), process.exitValue(), (System.nanoTime() - start) / 1e9);
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
