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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Deadlines, cancellation, any-gateway status and the result cache on the real broker: one embedded stack for the class, the
 * router, one executor and two gateways as child JVMs, started through {@link FabricComponents}.
 */
class LifecycleIT {

    /** Calls needing this capability wait forever: no executor has it. */
    static final String NOBODY_HAS = "nobody-has-this";

    static final Duration BOUND = Duration.ofSeconds(30);

    /** Kept when a test fails: the children's logs are in {@code logs/}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static Http gatewayA;
    static Http gatewayB;

    @BeforeAll
    static void startFabric() {
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        RegistryWarmup.firstWriteDone(stack.registryUrl());
        CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(LifecycleIT::startRouter);
        CompletableFuture<ChildJvm> executor = CompletableFuture.supplyAsync(LifecycleIT::startExecutor);
        CompletableFuture<ChildJvm> a = CompletableFuture.supplyAsync(() -> startGateway("gw-a"));
        CompletableFuture<ChildJvm> b = CompletableFuture.supplyAsync(() -> startGateway("gw-b"));
        router.join();
        executor.join();
        gatewayA = new Http(a.join().address());
        gatewayB = new Http(b.join().address());
    }

    @AfterAll
    static void stopFabric() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCallWithoutAResultByItsDeadlineEndsTimedOut() {
        // A 200 within the 15 s wait means it ended at its deadline, well before the 30 s sleep could finish.
        Http.Answer answer = gatewayA.post(
                "{\"function\": \"sleep\", \"args\": {\"ms\": 30000}, \"timeoutMs\": 1500, \"wait\": \"15s\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.state()).isEqualTo("TIMED_OUT");
    }

    @Test
    void aQueuedCallIsCancelledWithoutRunningAndCannotBeCancelledTwice() {
        Http.Answer accepted = gatewayA.post("{\"function\": \"echo\", \"requirements\": [\"" + NOBODY_HAS + "\"]}");
        assertThat(accepted.status()).isEqualTo(202);
        String callId = accepted.callId();
        // The router must have seen the call; before that, a cancel from another gateway would be a 404.
        await().atMost(BOUND).until(() -> gatewayB.get(callId, null).status() == 200);

        Http.Answer cancelled = gatewayB.delete(callId, "10s");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.state()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().path("executorId").isNull()).isTrue();
        await().atMost(BOUND).until(() -> gatewayA.get(callId, null).state().equals("CANCELLED"));
        Http.Answer again = gatewayA.delete(callId, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asString()).isEqualTo("call_already_ended");
    }

    /** The gateway's wait timer sleeps until the earliest deadline: a wait that runs out is still answered on time. */
    @Test
    void aWaitThatRunsOutIsAnsweredWithTheCallStillRunning() {
        Http.Answer submitted = gatewayA.post("{\"function\": \"sleep\", \"args\": {\"ms\": 60000}, \"wait\": \"1s\"}");
        String callId = submitted.callId();
        try {
            assertThat(submitted.status()).isEqualTo(202);
            assertThat(submitted.state()).isIn("ACCEPTED", "RUNNING");
            await().atMost(BOUND).until(() -> gatewayA.get(callId, null).state().equals("RUNNING"));

            long started = System.nanoTime();
            Http.Answer waited = gatewayA.get(callId, "2s");

            assertThat(waited.status()).isEqualTo(200);
            assertThat(waited.state()).isEqualTo("RUNNING");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("a 2 s wait ends after its deadline, not before, and long before the call")
                    .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(45));
        } finally {
            gatewayA.delete(callId, null);
        }
    }

    @Test
    void cancellingAnUnknownCallIs404() {
        assertThat(gatewayA.delete("no-such-call", null).status()).isEqualTo(404);
    }

    @Test
    void aRunningCallIsCancelledAtOnce() {
        String callId = gatewayA.post("{\"function\": \"sleep\", \"args\": {\"ms\": 30000}}")
                .callId();
        await().atMost(BOUND).until(() -> gatewayB.get(callId, null).state().equals("RUNNING"));

        // A 200 within the 10 s wait means it ended on the cancel, long before the 30 s sleep would have.
        Http.Answer cancelled = gatewayA.delete(callId, "10s");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.state()).isEqualTo("CANCELLED");
        assertThat(gatewayB.get(callId, "5s").state()).isEqualTo("CANCELLED");
        // The executor's side of the contract: it read fabric.control, interrupted the sleep and said so.
        assertThat(ResultsTopic.statesOf(
                        stack.bootstrap(), stack.registryUrl(), callId, CallState.CANCELLED, Duration.ofSeconds(15)))
                .containsExactly(CallState.CANCELLED);
    }

    @Test
    void aCallAcceptedByAGatewayThatDiedIsAnsweredByAnother() {
        ChildJvm doomed = startGateway("gw-doomed");
        Http gateway = new Http(doomed.address());
        String callId = gateway.post("{\"function\": \"sleep\", \"args\": {\"ms\": 3000}}")
                .callId();
        await().atMost(BOUND).until(() -> gatewayB.get(callId, null).state().equals("RUNNING"));

        doomed.kill();

        Http.Answer answer = gatewayB.get(callId, "30s");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.state()).isEqualTo("FINISHED");
        assertThat(answer.body().path("output").path("sleptMs").asLong()).isEqualTo(3000);
    }

    /**
     * A console left open holds a stream that ends only after half an hour, a caller waiting for a result holds its
     * request up to a minute, and a graceful shutdown waits for every open request: the gateway waited for the streams
     * until it was killed. It ends them, answers the waiting caller with the call as it is, then stops gracefully.
     */
    @Test
    void aGatewayWithRequestsHeldOpenAnswersThemAndStopsGracefully() throws Exception {
        ChildJvm stopping = startGateway("gw-stopping");
        Http gateway = new Http(stopping.address());
        String callId = gateway.post("{\"function\": \"sleep\", \"args\": {\"ms\": 30000}}")
                .callId();
        try (Stream<String> console = gateway.stream("/v1/calls/changes");
                Stream<String> events = gateway.stream("/v1/calls/" + callId + "/events")) {
            assertThat(console.iterator().next()).isEqualTo("event:ready");
            assertThat(events.iterator().next()).startsWith("event:");
            CompletableFuture<Http.Answer> waitingGet = CompletableFuture.supplyAsync(() -> gateway.get(callId, "60s"));
            CompletableFuture<Http.Answer> waitingPost = CompletableFuture.supplyAsync(() -> gateway.post(
                    "{\"function\": \"echo\", \"requirements\": [\"" + NOBODY_HAS + "\"], \"wait\": \"60s\"}"));
            await().atMost(BOUND)
                    .until(() -> gateway.text("/actuator/prometheus")
                            .lines()
                            .anyMatch(line ->
                                    line.startsWith("fabric_gateway_waiting_requests{") && line.endsWith(" 2.0")));

            // Longer than Spring's shutdown phase (30 s): a gateway that waits for its requests logs that it gave up.
            stopping.stop(Duration.ofSeconds(60));

            assertThat(Files.readString(stopping.logFile()))
                    .contains("Graceful shutdown complete")
                    .doesNotContain("Graceful shutdown aborted");
            assertThat(waitingGet.join().state()).isIn("ACCEPTED", "QUEUED", "RUNNING");
            Http.Answer queued = waitingPost.join();
            gatewayA.delete(queued.callId(), null);
            assertThat(queued.status()).isEqualTo(202);
            assertThat(queued.state()).isIn("ACCEPTED", "QUEUED");
        } finally {
            gatewayA.delete(callId, null);
        }
    }

    @Test
    void aRepeatedIdenticalCallIsAnsweredFromTheCacheWithoutRunning() {
        String nonce = UUID.randomUUID().toString();
        Http.Answer first = gatewayA.post("{\"function\": \"echo\", \"args\": {\"n\": \"" + nonce + "\", \"k\": 1},"
                + " \"cache\": {\"ttl\": \"5m\"}, \"wait\": \"20s\"}");
        assertThat(first.state()).isEqualTo("FINISHED");
        assertThat(first.body().has("cachedFrom")).isFalse();

        // Same question, arguments in another order, asked at the other gateway.
        Http.Answer second = gatewayB.post("{\"function\": \"echo\", \"args\": {\"k\": 1, \"n\": \"" + nonce + "\"},"
                + " \"cache\": true, \"wait\": \"20s\"}");
        Http.Answer optedOut = gatewayA.post("{\"function\": \"echo\", \"args\": {\"k\": 1, \"n\": \"" + nonce + "\"},"
                + " \"cache\": false, \"wait\": \"20s\"}");

        assertThat(second.state()).isEqualTo("FINISHED");
        assertThat(second.body().path("cachedFrom").asString()).isEqualTo(first.callId());
        assertThat(second.body().path("output")).isEqualTo(first.body().path("output"));
        assertThat(optedOut.state()).isEqualTo("FINISHED");
        assertThat(optedOut.body().has("cachedFrom")).isFalse();
        assertThat(executed(first.callId(), second.callId(), optedOut.callId()))
                .containsExactlyInAnyOrder(first.callId(), optedOut.callId());
    }

    @Test
    void identicalCallsInFlightAtTheSameTimeRunOnce() {
        // A duration no other test uses, so no earlier call can answer these.
        long ms = 1_500 + ThreadLocalRandom.current().nextInt(500);
        String body = "{\"function\": \"sleep\", \"args\": {\"ms\": " + ms + "}, \"cache\": true, \"wait\": \"30s\"}";
        CompletableFuture<Http.Answer> viaA = CompletableFuture.supplyAsync(() -> gatewayA.post(body));
        CompletableFuture<Http.Answer> viaB = CompletableFuture.supplyAsync(() -> gatewayB.post(body));
        Http.Answer a = viaA.join();
        Http.Answer b = viaB.join();

        assertThat(List.of(a.state(), b.state())).containsOnly("FINISHED");
        assertThat(List.of(
                        a.body().path("output").path("sleptMs").asLong(),
                        b.body().path("output").path("sleptMs").asLong()))
                .containsOnly(ms);
        Http.Answer joined = a.body().has("cachedFrom") ? a : b;
        Http.Answer ran = joined == a ? b : a;
        assertThat(joined.body().path("cachedFrom").asString()).isEqualTo(ran.callId());
        assertThat(ran.body().has("cachedFrom")).isFalse();
        assertThat(executed(a.callId(), b.callId())).containsExactly(ran.callId());
    }

    @Test
    void anotherGatewayStreamsTheProgressOfAPythonScriptUntilItEnds() {
        // Eight steps over about 5 s: gateway B joins once it knows the call, a moment after it started (status
        // grace), and on a loaded machine later still; it must still see some of the steps.
        String code = "import os, time\\n"
                + "for i in range(1, 9):\\n"
                + "    with open(os.environ['FABRIC_PROGRESS'], 'a') as p: p.write(f'{i / 8} step {i}\\\\n')\\n"
                + "    time.sleep(0.6)\\n"
                + "print(42)\\n";
        String callId = gatewayA.post("{\"function\": \"python\", \"args\": {\"code\": \"" + code + "\"}}")
                .callId();
        await().atMost(BOUND).until(() -> gatewayB.get(callId, null).status() == 200);

        List<JsonNode> events = gatewayB.events(callId, BOUND);

        assertThat(events).last().satisfies(last -> {
            assertThat(last.path("state").asString()).isEqualTo("FINISHED");
            assertThat(last.path("output").asInt()).isEqualTo(42);
        });
        assertThat(events)
                .filteredOn(event -> event.has("progress"))
                .isNotEmpty()
                .allSatisfy(event -> {
                    assertThat(event.path("state").asString()).isEqualTo("RUNNING");
                    assertThat(event.path("progress").path("message").asString())
                            .startsWith("step ");
                });
    }

    /**
     * A gateway knows calls accepted elsewhere (another gateway, a Kafka client) from fabric.status, which it reads
     * lazily, up to half a second behind, while nothing waits on it. A call whose status the router wrote before the
     * question must be found all the same, not answered 404: the gateway reads the topic to its end first.
     */
    @Test
    void aCallWhoseStatusIsWrittenIsFoundAtOnceOnEveryGateway() throws Exception {
        String asked = "written-" + UUID.randomUUID();
        String detailed = "written-" + UUID.randomUUID();
        FabricSerdes serdes = FabricSerdes.forRegistry(stack.registryUrl());
        try (KafkaProducer<String, CallStatus> producer = new KafkaProducer<>(
                new KafkaClientConfig(stack.bootstrap(), "lifecycle-it").producer(),
                new StringSerializer(),
                serdes.serializer(CallStatus.class))) {
            writeAccepted(producer, asked);

            Http.Answer answer = gatewayB.get(asked, null);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.state()).isEqualTo("ACCEPTED");

            writeAccepted(producer, detailed);

            assertThat(gatewayA.getPath("/v1/calls/" + detailed + "/details").status())
                    .isEqualTo(200);
        }
        assertThat(gatewayB.get("written-but-never", null).status()).isEqualTo(404);
    }

    /** Writes {@code callId} ACCEPTED to fabric.status as the router would, and waits for the broker's acknowledgement. */
    private static void writeAccepted(KafkaProducer<String, CallStatus> producer, String callId) throws Exception {
        Instant now = Instant.now();
        CallStatus accepted = CallStatus.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(CallState.ACCEPTED)
                .setCapset(NOBODY_HAS)
                .setReplyTo(Topics.replies("gw-elsewhere"))
                .setSubmittedAt(now)
                .setUpdatedAt(now)
                .build();
        producer.send(new ProducerRecord<>(Topics.STATUS, callId, accepted)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    /** The calls among {@code callIds} that an executor ran: their result on fabric.results is not a cache answer. */
    private static List<String> executed(String... callIds) {
        return ResultsTopic.terminalResultsOf(stack.bootstrap(), stack.registryUrl(), Set.of(callIds), BOUND).stream()
                .filter(result -> result.getCachedFrom() == null)
                .map(FuncResult::getCallId)
                .toList();
    }

    private static ChildJvm startRouter() {
        return new FabricComponents(stack).startRouter();
    }

    static ChildJvm startGateway(String id) {
        return new FabricComponents(stack).startGateway(id);
    }

    private static ChildJvm startExecutor() {
        // Seven JVMs on two cores keep the load average above any sane limit: take calls regardless.
        // python: the inline-code function declares it, so its calls go to fabric.calls.python; inline code is opt-in.
        return new FabricComponents(stack)
                .startExecutor(
                        "executor-it",
                        4,
                        List.of("lifecycle-it", "python"),
                        "--max-load-per-core",
                        "0",
                        "--allow-inline-code");
    }
}
