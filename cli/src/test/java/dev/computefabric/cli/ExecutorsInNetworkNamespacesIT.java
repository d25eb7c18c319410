package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.DataDirs;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Executors on other hosts, as near as one machine gets: two executors, each in a network namespace of its own that a
 * veth pair joins to the host, serve a router and a gateway on the host. The stack listens on the first veth's host
 * address, so every fetch, acknowledgement, result and table of theirs crosses a veth to the broker and to S3.
 *
 * <p>Needs root (network namespaces); skipped, with the reason, where they cannot be made.
 */
class ExecutorsInNetworkNamespacesIT {

    private static final int EXECUTORS = 2;
    private static final int SLOTS = 4;
    /** Long enough that one executor alone would need ten seconds for all: the other one joins in well before. */
    private static final int SLEEP_CALLS = 40;

    private static final int SLEEP_MS = 1_000;
    /** netem's delay on what leaves each namespace, so the path behaves as a network; not every kernel has netem. */
    private static final Duration DELAY = Duration.ofMillis(2);
    /** Bounds for a busy 2-core machine, not expectations: the calls need seconds. */
    private static final Duration CALL_WAIT = Duration.ofSeconds(90);

    private static final Duration ALL_ENDED = Duration.ofMinutes(3);
    private static final List<String> ENDED = List.of("FINISHED", "FAILED", "CANCELLED", "TIMED_OUT");

    private static final List<NetworkNamespace> namespaces = new ArrayList<>();
    /** Each executor's process and the namespace it was started in, by executor id. */
    private static final Map<String, Placed> executors = new LinkedHashMap<>();

    private static final Map<String, String> delays = new LinkedHashMap<>();
    private static Path dataDir;
    private static EmbeddedStack stack;
    private static ChildJvm gatewayProcess;
    private static GatewayClient gateway;

    private record Placed(ChildJvm process, NetworkNamespace namespace) {}

    @BeforeAll
    static void startTheStackOnAVethAndEachExecutorInANamespaceOfItsOwn() throws IOException {
        try {
            for (int i = 0; i < EXECUTORS; i++) {
                namespaces.add(NetworkNamespace.create());
            }
        } catch (NetworkNamespace.Unavailable e) {
            Assumptions.abort("network namespaces cannot be made here: " + e.getMessage());
        }
        for (NetworkNamespace namespace : namespaces) {
            delays.put(
                    namespace.name(),
                    namespace
                            .delayOutgoing(DELAY)
                            .map(why -> "none (" + why + ")")
                            .orElse(DELAY.toMillis() + " ms"));
        }
        dataDir = Files.createTempDirectory("fabric-netns-it-");
        stack = EmbeddedStack.builder()
                .dataDir(dataDir)
                .host(namespaces.get(0).hostAddress())
                .build()
                .start();
        FabricComponents components = new FabricComponents(stack);
        CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
        CompletableFuture<ChildJvm> gatewayStarted =
                CompletableFuture.supplyAsync(() -> components.startGateway("gw-netns"));
        Map<String, CompletableFuture<ChildJvm>> started = new LinkedHashMap<>();
        for (int i = 0; i < EXECUTORS; i++) {
            NetworkNamespace namespace = namespaces.get(i);
            String id = "executor-ns" + (i + 1);
            started.put(
                    id,
                    CompletableFuture.supplyAsync(
                            () -> components.withCommandPrefix(namespace.exec()).startExecutor(id, SLOTS, List.of())));
        }
        router.join();
        gatewayProcess = gatewayStarted.join();
        gateway = new GatewayClient(gatewayProcess.address());
        for (int i = 0; i < EXECUTORS; i++) {
            String id = "executor-ns" + (i + 1);
            executors.put(id, new Placed(started.get(id).join(), namespaces.get(i)));
        }
        System.out.printf(
                "stack on %s; executors %s; delay on leaving each namespace: %s%n",
                stack.bootstrap(),
                executors.entrySet().stream()
                        .map(e -> e.getKey() + " in " + e.getValue().namespace())
                        .toList(),
                delays);
    }

    @AfterAll
    static void stopEverythingThenRemoveTheNamespaces() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            try {
                for (NetworkNamespace namespace : namespaces) {
                    namespace.close();
                }
            } finally {
                if (dataDir != null) {
                    DataDirs.delete(dataDir);
                }
            }
        }
    }

    @Test
    void eachExecutorRunsInItsOwnNamespaceAndReachesTheHostOnlyOverItsVeth() {
        String ours = NetworkNamespace.namespaceOf(ProcessHandle.current().pid());
        int brokerPort = port(stack.bootstrap());
        int gatewayPort = URI.create(gatewayProcess.address()).getPort();

        executors.forEach((id, placed) -> {
            String theirs = NetworkNamespace.namespaceOf(placed.process().pid());
            assertThat(theirs)
                    .as("network namespace of %s", id)
                    .isEqualTo(placed.namespace().identity());
            assertThat(theirs).as("network namespace of %s", id).isNotEqualTo(ours);
            assertThat(placed.namespace().canConnect(stack.options().host(), brokerPort))
                    .as("from %s, the broker on %s", placed.namespace(), stack.bootstrap())
                    .isTrue();
            assertThat(placed.namespace().canConnect("127.0.0.1", gatewayPort))
                    .as("from %s, the gateway on the host's loopback, port %d", placed.namespace(), gatewayPort)
                    .isFalse();
        });
        // The broker's side of its connections: from each namespace's end of its veth to the stack's address.
        String connections = NetworkNamespace.run(List.of("ss", "-Htn", "state", "established"))
                .output();
        for (NetworkNamespace namespace : namespaces) {
            assertThat(connections)
                    .as("the host's TCP connections include ones from %s", namespace)
                    .containsPattern(socket(stack.options().host(), Integer.toString(brokerPort)) + "\\s+"
                            + socket(namespace.namespaceAddress(), "\\d+"));
        }
    }

    @Test
    void sleepCallsFromTheGatewayFinishOnExecutorsInBothNamespaces() {
        // Both nodes are ready (their start waited for it) and the gateway sees both: neither misses the calls by
        // joining late.
        await().atMost(ALL_ENDED).pollInterval(Duration.ofMillis(500)).until(() -> {
            Set<String> live = new HashSet<>();
            gateway.executors()
                    .body()
                    .path("executors")
                    .forEach(node -> live.add(node.path("executorId").asText()));
            return live.containsAll(executors.keySet());
        });
        long began = System.nanoTime();
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < SLEEP_CALLS; i++) {
            ObjectNode sleep = GatewayClient.call("sleep");
            sleep.putObject("args").put("ms", SLEEP_MS);
            GatewayClient.Answer accepted = gateway.submit(sleep, null);
            assertThat(accepted.status()).as("answer %s", accepted.body()).isEqualTo(202);
            callIds.add(accepted.body().path("callId").asText());
        }

        Map<String, JsonNode> ended = new ConcurrentHashMap<>();
        await().atMost(ALL_ENDED).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String callId : callIds) {
                if (!ended.containsKey(callId)) {
                    GatewayClient.Answer status = gateway.get(callId);
                    if (ENDED.contains(status.state())) {
                        ended.put(callId, status.body());
                    }
                }
            }
            return ended.size() == callIds.size();
        });
        double seconds = (System.nanoTime() - began) / 1e9;

        assertThat(ended.values())
                .as("every call finished")
                .allSatisfy(status -> assertThat(status.path("state").asText())
                        .as("call %s", status)
                        .isEqualTo("FINISHED"));
        Map<String, Long> ranBy = ended.values().stream()
                .collect(Collectors.groupingBy(
                        status -> status.path("executorId").asText(), Collectors.counting()));
        System.out.printf(
                "%d sleep calls of %d ms over veths: all ended after %.1f s; calls per executor %s%n",
                SLEEP_CALLS, SLEEP_MS, seconds, ranBy);
        assertThat(ranBy.keySet()).as("executors that ran calls").isEqualTo(executors.keySet());
    }

    @Test
    void tablesTravelThroughS3BetweenTheHostAndTheNamespaces() {
        // Above the inline limit: the gateway stores the input in S3, and the executor reads it over its veth.
        DemoTable input = new DemoTable(40_000);
        ObjectNode describe = GatewayClient.call("table.describe");
        describe.putObject("tables").putObject("input").put("format", "csv").put("content", input.csv());

        GatewayClient.Answer described = gateway.submit(describe, CALL_WAIT);

        assertThat(described.state()).as("answer %s", described.body()).isEqualTo("FINISHED");
        assertThat(JsonMatch.matches(
                        input.expectedDescription(), described.body().path("output")))
                .as("describe output %s", described.body().path("output"))
                .isTrue();
        assertThat(executors).containsKey(described.body().path("executorId").asText());

        // And back: the executor writes its output to S3 over its veth, and the gateway serves it from there.
        long rows = 100_000;
        ObjectNode generate = GatewayClient.call("table.generate");
        generate.putObject("args").put("rows", rows);

        GatewayClient.Answer generated = gateway.submit(generate, CALL_WAIT);

        assertThat(generated.state()).as("answer %s", generated.body()).isEqualTo("FINISHED");
        assertThat(executors).containsKey(generated.body().path("executorId").asText());
        JsonNode table = generated.body().path("tables").path("data");
        assertThat(table.has("content")).as("a link, not inline: %s", table).isFalse();
        TableHttp.Download download = new TableHttp(gatewayProcess.address())
                .download(table.path("href").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.sha256()).isEqualTo(TableHttp.sha256(LargeTablesIT.generated(rows)));
    }

    /** An {@code ss} column for an IPv4 socket, also as a dual-stack socket shows it: {@code [::ffff:10.0.0.1]:80}. */
    private static String socket(String address, String portPattern) {
        return "(\\[::ffff:)?\\Q" + address + "\\E\\]?:" + portPattern + "\\b";
    }

    private static int port(String bootstrap) {
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }
}
