package dev.computefabric.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.tokens.TokenAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real browser (playwright-core driving Debian's chromium, see {@link BrowserScenarios}) against
 * the real fabric: one embedded stack, the router, two executors, two open gateways and a third with security on (an
 * admin token minted on {@code fabric.tokens}). Skips, saying why, where there is no Chromium. The last test writes
 * {@value #BENCH_CALLS} statuses to {@code fabric.status} and measures the table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final int BENCH_CALLS = 20_000;
    static final int BENCH_CHANGES = 7;
    static final Duration BOUND = Duration.ofSeconds(60);
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    static final Path BENCH_RESULT = Path.of("target", "console-bench.json").toAbsolutePath();
    /** The secured gateway's policy: the admins group calls everything and sees every call, as --secure writes it. */
    static final String POLICY = """
            admins: [admins]
            grants:
              - groups: [admins]
                functions: ["*"]
                capabilities: ["*"]
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static ChildJvm executorB;
    static Http gatewayA;
    static String adminToken;
    static BrowserScenarios browser;

    /** Why the browser tests cannot run here; empty when they can. */
    static Optional<String> missing;

    @BeforeAll
    static void startFabric() throws IOException {
        missing = BrowserScenarios.missing();
        if (missing.isPresent()) {
            System.out.println("ConsoleIT skipped: " + missing.get());
            return;
        }
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        RegistryWarmup.firstWriteDone(stack.registryUrl());
        // Minted before the secured gateway starts: it has read fabric.tokens to the end before it serves.
        adminToken = TokenAdmin.forBootstrap(stack.bootstrap(), stack.registryUrl())
                .create("admin", List.of("admins"), Optional.empty())
                .token();
        Path policy = Files.writeString(dataDir.resolve("policy.yaml"), POLICY);
        FabricComponents components = new FabricComponents(stack);
        CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
        CompletableFuture<ChildJvm> gwA = CompletableFuture.supplyAsync(() -> components.startGateway("gw-a"));
        CompletableFuture<ChildJvm> gwB = CompletableFuture.supplyAsync(() -> components.startGateway("gw-b"));
        CompletableFuture<ChildJvm> gwSecure = CompletableFuture.supplyAsync(() -> components.startGateway(
                "gw-secure", "--fabric.security.enabled=true", "--fabric.security.policy-file=" + policy));
        router.join();
        gwA.join();
        gwB.join();
        gwSecure.join();
        // Executors after the rest: each registers its schemas at start and gives up when the registry is slow to
        // answer, which five JVMs starting at once on a loaded 2-core machine made it (seen once).
        // Seven JVMs on two cores keep the load average above any sane limit: take calls regardless.
        // exec-a serves the progress test's python call: inline code, and the python capability it requires.
        CompletableFuture<ChildJvm> a = CompletableFuture.supplyAsync(() -> components.startExecutor(
                "exec-a", 4, List.of("python"), "--max-load-per-core", "0", "--allow-inline-code"));
        CompletableFuture<ChildJvm> b = CompletableFuture.supplyAsync(() -> components.startExecutor(
                "exec-b", 2, List.of("console-it"), "--max-load-per-core", "0", "--allow-inline-code"));
        a.join();
        executorB = b.join();
        gatewayA = new Http(gwA.join().address());
        browser = new BrowserScenarios(Map.of(
                "GATEWAY_A",
                gwA.join().address(),
                "GATEWAY_B",
                gwB.join().address(),
                "GATEWAY_SECURE",
                gwSecure.join().address(),
                "ADMIN_TOKEN",
                adminToken,
                "SCREENSHOTS",
                SCREENSHOTS.toString(),
                "BOUND_MS",
                Long.toString(BOUND.toMillis())));
    }

    /** Each test, not the class, is skipped: the build's summary then counts them as skipped, with the reason. */
    @BeforeEach
    void needsABrowser() {
        Assumptions.assumeTrue(missing.isEmpty(), () -> "browser tests skipped: " + missing.get());
    }

    @AfterAll
    static void stopFabric() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aCallSubmittedFromTheFormAppearsInTheLiveTableAndTurnsFinished() {
        passes(browser.run("submit-finishes"));
    }

    @Test
    @Order(2)
    void theProgressBarOfALongCallMovesAndItsLogLinesArriveOnAnotherGateway() {
        passes(browser.run("progress-moves"));
    }

    @Test
    @Order(3)
    void aRunningCallIsCancelledFromItsDetailPage() {
        passes(browser.run("cancel"));
    }

    @Test
    @Order(4)
    void aTableUploadedThroughTheFormReachesTheFunction() {
        passes(browser.run("table-upload"));
    }

    @Test
    @Order(5)
    void aCallAcceptedByAnotherGatewayShowsUp() {
        passes(browser.run("other-gateway"));
    }

    @Test
    @Order(6)
    void withAFunctionCatalogTheSubmitFormIsBuiltFromTheFunctionsParameters() {
        passes(browser.run("catalog"));
    }

    @Test
    @Order(6)
    void theThroughputPageChartsTheCallsThatEnded() {
        passes(browser.run("throughput"));
    }

    @Test
    @Order(6)
    void withSecurityOnTheConsoleSignsInWithATokenFollowsCallsLiveRefusesForgedChangesAndSignsOut() throws IOException {
        passes(browser.run("sign-in"));

        // The token was pasted into a page and travelled in a cookie: no log of the fabric names it.
        try (Stream<Path> logs = Files.walk(stack.logDir())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(adminToken);
            }
        }
    }

    @Test
    @Order(6)
    void aPipelineIsListedAndItsPageShowsItsStepsFinishLiveWithTheSecondStepsOutput() {
        passes(browser.run("pipeline-finishes"));
    }

    @Test
    @Order(6)
    void aRunningPipelineIsCancelledFromItsPageAndItsStepWithIt() {
        passes(browser.run("pipeline-cancel"));
    }

    @Test
    @Order(7)
    void theNodesPageShowsTwoExecutorsThenOneAfterOneStops() {
        passes(browser.run("nodes", "2"));

        executorB.stop();

        passes(browser.run("nodes", "1"));
    }

    @Test
    @Order(8)
    void theTableStaysResponsiveWithTwentyThousandCalls() throws Exception {
        FabricSerdes serdes = FabricSerdes.forRegistry(stack.registryUrl());
        try (KafkaProducer<String, CallStatus> producer = new KafkaProducer<>(
                new KafkaClientConfig(stack.bootstrap(), "console-it").producer(),
                new StringSerializer(),
                serdes.serializer(CallStatus.class))) {
            Instant now = Instant.now();
            Instant started = Instant.now();
            for (int i = 0; i < BENCH_CALLS; i++) {
                CallStatus status = syntheticCall(i, now);
                producer.send(new ProducerRecord<>(Topics.STATUS, status.getCallId(), status));
            }
            producer.flush();
            long written = Duration.between(started, Instant.now()).toMillis();
            await().atMost(BOUND)
                    .until(() ->
                            gatewayA.getJson("/v1/calls?limit=1").path("total").asInt() >= BENCH_CALLS);
            System.out.printf(
                    "wrote %d statuses in %d ms; gateway A lists them after %d ms%n",
                    BENCH_CALLS,
                    written,
                    Duration.between(started, Instant.now()).toMillis());

            BrowserScenarios.Run run = browser.run(
                    request -> finish(producer, request.substring("finish ".length()), now),
                    "bench-table",
                    Integer.toString(BENCH_CALLS),
                    Integer.toString(BENCH_CHANGES));

            passes(run);
            String bench = run.lines().stream()
                    .filter(line -> line.startsWith("BENCH "))
                    .findFirst()
                    .orElseThrow()
                    .substring(6);
            Files.writeString(BENCH_RESULT, bench + "\n");
            System.out.println("console with " + BENCH_CALLS + " calls: " + bench);
        }
    }

    /** Moves a synthetic RUNNING call to FINISHED on fabric.status; answers when it was written (epoch ms). */
    private static String finish(KafkaProducer<String, CallStatus> producer, String callId, Instant now) {
        int i = Integer.parseInt(callId.substring(callId.lastIndexOf('-') + 1));
        CallStatus running = syntheticCall(i, now);
        Instant end = Instant.now();
        FuncResult result = FuncResult.newBuilder()
                .setCallId(callId)
                .setFunction(running.getFunction())
                .setState(CallState.FINISHED)
                .setOutput("{}")
                .setExecutorId(running.getExecutorId())
                .setStartedAt(running.getSubmittedAt())
                .setFinishedAt(end)
                .build();
        CallStatus finished = CallStatus.newBuilder(running)
                .setState(CallState.FINISHED)
                .setUpdatedAt(end)
                .setProgress(null)
                .setProgressMessage(null)
                .setResult(result)
                .build();
        long sentAt = System.currentTimeMillis();
        try {
            producer.send(new ProducerRecord<>(Topics.STATUS, callId, finished))
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing the status of " + callId + " failed", e);
        }
        return Long.toString(sentAt);
    }

    /** The i-th synthetic call: one in four running with progress, the rest ended; the newest first at {@code now}. */
    private static CallStatus syntheticCall(int i, Instant now) {
        Instant submitted = now.minusMillis(100L * i);
        String callId = "bench-" + i;
        String executor = "bench-exec-" + (i % 8);
        CallStatus.Builder status = CallStatus.newBuilder()
                .setCallId(callId)
                .setFunction(i % 3 == 0 ? "table.describe" : "sleep")
                .setCapset(i % 5 == 0 ? "python" : "any")
                .setReplyTo(Topics.replies("gw-bench"))
                .setSubmittedAt(submitted)
                .setUpdatedAt(submitted.plusMillis(50))
                .setExecutorId(executor)
                .setArgs("{\"ms\": " + i + "}");
        if (i % 4 == 0) {
            return status.setState(CallState.RUNNING)
                    .setProgress((i % 100) / 100.0)
                    .setProgressMessage("row " + i)
                    .build();
        }
        CallState state = i % 10 == 1 ? CallState.FAILED : CallState.FINISHED;
        FuncResult.Builder result = FuncResult.newBuilder()
                .setCallId(callId)
                .setFunction(status.getFunction())
                .setState(state)
                .setExecutorId(executor)
                .setStartedAt(submitted.plusMillis(5))
                .setFinishedAt(submitted.plusMillis(40 + i % 60));
        if (state == CallState.FAILED) {
            result.setError(dev.computefabric.avro.ErrorInfo.newBuilder()
                    .setType("BadArguments")
                    .setMessage("synthetic")
                    .build());
        } else {
            result.setOutput("{\"sleptMs\": " + i + "}");
        }
        return status.setState(state).setResult(result.build()).build();
    }

    private static void passes(BrowserScenarios.Run run) {
        assertThat(run.exitCode())
                .as("the browser scenario's output:\n%s", run.output())
                .isZero();
        assertThat(run.lines()).anyMatch(line -> line.startsWith("PASS "));
    }
}
