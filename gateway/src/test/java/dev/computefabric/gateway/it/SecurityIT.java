package dev.computefabric.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.tokens.ApiTokens;
import dev.computefabric.schemas.tokens.TokenAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication and authorization at the gateway on the real broker: one embedded stack, the router and two
 * gateways with {@code fabric.security.enabled}, API tokens on {@code fabric.tokens} and JWTs from an in-test
 * issuer, and the console's session cookie. No executor: the calls these tests make need only be queued (the catalog
 * is not enforced).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final String ISSUER = "https://issuer.it.test";
    static final String AUDIENCE = "fabric-it";

    static final String POLICY = """
            admins: [ops]
            grants:
              - groups: [analysts]
                functions: [echo, "sec-*"]
                capabilities: [python]
            limits:
              principals:
                rate-limited: {callsPerSecond: 0.125}
                pipeline-rate: {callsPerSecond: 0.1}
                pipeline-in-flight: {callsInFlight: 1}
                no-express: {highestPriority: normal}
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static JwtIssuer issuer;
    static TokenAdmin tokens;
    static String gatewayA;
    static String gatewayB;
    /** Every token minted here: none may appear in a log. */
    static final List<String> minted = new ArrayList<>();

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    @BeforeAll
    static void startFabric() throws IOException {
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        RegistryWarmup.firstWriteDone(stack.registryUrl());
        issuer = new JwtIssuer();
        tokens = TokenAdmin.forBootstrap(stack.bootstrap(), stack.registryUrl());
        Path policy = Files.writeString(dataDir.resolve("policy.yaml"), POLICY);
        String[] secure = {
            "--fabric.security.enabled=true",
            "--fabric.security.policy-file=" + policy,
            "--fabric.security.jwt.jwks-url=" + issuer.jwksUrl(),
            "--fabric.security.jwt.issuer=" + ISSUER,
            "--fabric.security.jwt.audience=" + AUDIENCE,
            "--fabric.catalog.enforce=false"
        };
        FabricComponents components = new FabricComponents(stack);
        CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
        CompletableFuture<ChildJvm> a = CompletableFuture.supplyAsync(() -> components.startGateway("sec-a", secure));
        CompletableFuture<ChildJvm> b = CompletableFuture.supplyAsync(() -> components.startGateway("sec-b", secure));
        router.join();
        gatewayA = a.join().address();
        gatewayB = b.join().address();
    }

    @AfterAll
    static void stopFabric() {
        if (issuer != null) {
            issuer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // --- 401 ---

    @Test
    void aRequestWithoutCredentialsIs401WithABearerChallenge() {
        Reply functions = send(gatewayA, "GET", "/v1/functions", null, null);
        Reply call = send(gatewayA, "POST", "/v1/calls", null, "{\"function\": \"echo\"}");

        for (Reply reply : List.of(functions, call)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(reply.body().path("error").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void aWrongTokenIs401() {
        Reply reply = send(gatewayA, "GET", "/v1/functions", ApiTokens.mint(), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
    }

    @Test
    void anExpiredTokenIs401() {
        String token = mint("expiring", List.of("analysts"), Optional.of(Duration.ofMillis(1)));

        // Unknown until the gateway has read it, then expired: never accepted.
        await().atMost(BOUND).untilAsserted(() -> {
            Reply reply = send(gatewayA, "GET", "/v1/functions", token, null);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body().path("message").asString()).contains("expired");
        });
    }

    @Test
    void aRevokedTokenIsRefusedByEveryGatewayWithinFiveSeconds() {
        String token = mint("revoked", List.of("analysts"), Optional.empty());
        await().atMost(BOUND)
                .until(() -> send(gatewayA, "GET", "/v1/functions", token, null).status() == 200
                        && send(gatewayB, "GET", "/v1/functions", token, null).status() == 200);

        assertThat(tokens.revoke(ApiTokens.idOf(token))).isTrue();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> send(gatewayA, "GET", "/v1/functions", token, null).status() == 401
                        && send(gatewayB, "GET", "/v1/functions", token, null).status() == 401);
    }

    @Test
    void aValidJwtIsAccepted() {
        String jwt = issuer.token(ISSUER, AUDIENCE, "jane", List.of("analysts"));

        assertThat(send(gatewayA, "GET", "/v1/functions", jwt, null).status()).isEqualTo(200);
        Reply call = send(gatewayA, "POST", "/v1/calls", jwt, "{\"function\": \"echo\"}");
        assertThat(call.status()).isEqualTo(202);
    }

    @Test
    void aJwtWithABadSignatureAWrongIssuerOrAudienceOrPastItsExpiryIs401() {
        List<String> refused = List.of(
                issuer.forgedToken(ISSUER, AUDIENCE, "jane", List.of("analysts")),
                issuer.token("https://other-issuer.test", AUDIENCE, "jane", List.of("analysts")),
                issuer.token(ISSUER, "another-service", "jane", List.of("analysts")),
                issuer.expiredToken(ISSUER, AUDIENCE, "jane", List.of("analysts")));

        for (String jwt : refused) {
            Reply reply = send(gatewayA, "GET", "/v1/functions", jwt, null);
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    // --- 403 ---

    @Test
    void aFunctionOrCapabilityNotGrantedIs403AndNothingIsQueued() {
        String token = mint("alice-403", List.of("analysts"), Optional.empty());
        String refusedNonce = UUID.randomUUID().toString();
        String grantedNonce = UUID.randomUUID().toString();

        Reply function =
                submit(gatewayA, token, "{\"function\": \"train-model\", \"args\": {\"n\": \"" + refusedNonce + "\"}}");
        Reply capability = submit(
                gatewayA,
                token,
                "{\"function\": \"echo\", \"requirements\": [\"gpu\"]," + " \"args\": {\"n\": \"" + refusedNonce
                        + "\"}}");
        Reply granted = submit(
                gatewayA,
                token,
                "{\"function\": \"echo\", \"requirements\": [\"python\"]," + " \"args\": {\"n\": \"" + grantedNonce
                        + "\"}}");

        assertThat(function.status()).isEqualTo(403);
        assertThat(function.body().path("error").asString()).isEqualTo("call_forbidden");
        assertThat(function.body().path("message").asString()).contains("train-model");
        assertThat(capability.status()).isEqualTo(403);
        assertThat(capability.body().path("message").asString()).contains("[gpu]");
        assertThat(granted.status()).isEqualTo(202);
        List<String> queuedArgs = CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .map(FuncCall::getArgs)
                .toList();
        assertThat(queuedArgs).anyMatch(args -> args.contains(grantedNonce));
        assertThat(queuedArgs).noneMatch(args -> args.contains(refusedNonce));
    }

    @Test
    void aPriorityAboveThePrincipalsHighestIs403ForCallsAndPipelinesAndNothingIsQueued() {
        String token = mint("no-express", List.of("analysts"), Optional.empty());
        String refusedNonce = UUID.randomUUID().toString();
        String grantedNonce = UUID.randomUUID().toString();

        Reply high = submit(
                gatewayA,
                token,
                "{\"function\": \"echo\", \"priority\": \"high\", \"args\": {\"n\": \"" + refusedNonce + "\"}}");
        Reply pipeline = send(
                gatewayB,
                "POST",
                "/v1/pipelines",
                token,
                "{\"priority\": \"high\", \"steps\": [{\"name\": \"only\", \"function\": \"echo\", \"args\": {\"n\": \""
                        + refusedNonce + "\"}}]}");
        Reply normal = submit(
                gatewayA,
                token,
                "{\"function\": \"echo\", \"priority\": \"normal\", \"args\": {\"n\": \"" + grantedNonce + "\"}}");

        assertThat(high.status()).isEqualTo(403);
        assertThat(high.body().path("error").asString()).isEqualTo("call_forbidden");
        assertThat(high.body().path("message").asString()).contains("priority 'normal' at most, not 'high'");
        assertThat(pipeline.status()).as("pipeline %s", pipeline.body()).isEqualTo(403);
        assertThat(pipeline.body().path("message").asString()).contains("priority 'normal' at most");
        assertThat(normal.status()).isEqualTo(202);
        List<String> queuedArgs = CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .map(FuncCall::getArgs)
                .toList();
        assertThat(queuedArgs).anyMatch(args -> args.contains(grantedNonce));
        assertThat(queuedArgs).noneMatch(args -> args.contains(refusedNonce));
    }

    // --- 429 ---

    @Test
    void pastItsRateACallIs429WithRetryAfterAndIsAcceptedAgainLater() {
        String token = mint("rate-limited", List.of("analysts"), Optional.empty());

        Reply first = submit(gatewayA, token, "{\"function\": \"echo\"}");
        Reply second = submit(gatewayA, token, "{\"function\": \"echo\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.body().path("error").asString()).isEqualTo("quota_exceeded");
        // One call per 8 s: the second, sent right after the first, is always too early, however loaded the machine.
        assertThat(second.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 8));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> submit(gatewayA, token, "{\"function\": \"echo\"}").status() == 202);
    }

    @Test
    void aPipelineHoldsOnePlaceInFlightAndPaysTheRateForEveryCallItRuns() {
        String steps = "{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"},"
                + " {\"name\": \"b\", \"function\": \"echo\"}, {\"name\": \"c\", \"function\": \"echo\"}]}";
        String rate = mint("pipeline-rate", List.of("analysts"), Optional.empty());
        String inFlight = mint("pipeline-in-flight", List.of("analysts"), Optional.empty());

        Reply threeCalls = send(gatewayA, "POST", "/v1/pipelines", rate, steps);
        Reply thenACall = submit(gatewayA, rate, "{\"function\": \"echo\"}");
        // No executor here: the pipeline stays in flight, holding the only place.
        Reply heldPipeline = send(gatewayA, "POST", "/v1/pipelines", inFlight, steps);
        Reply heldCall = submit(gatewayA, inFlight, "{\"function\": \"echo\"}");

        assertThat(threeCalls.status()).as("pipeline %s", threeCalls.body()).isEqualTo(202);
        assertThat(thenACall.status()).isEqualTo(429);
        // 0.1 calls per second: one call would owe 10 s; the pipeline's three owe 30 s, less the time since.
        assertThat(thenACall.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(11, 30));
        assertThat(heldPipeline.status()).as("pipeline %s", heldPipeline.body()).isEqualTo(202);
        assertThat(heldCall.status()).isEqualTo(429);
        assertThat(heldCall.body().path("message").asString())
                .contains("pipeline-in-flight has 1 calls in flight (a pipeline counts as one)");
    }

    // --- 404: someone else's calls ---

    @Test
    void anotherPrincipalsCallIsNotFoundToReadCancelFollowOrDownloadAndAnAdminSeesIt() {
        String alice = mint("alice", List.of("analysts"), Optional.empty());
        String bob = mint("bob", List.of("analysts"), Optional.empty());
        String admin = mint("olga", List.of("ops"), Optional.empty());
        String callId = submit(gatewayA, alice, "{\"function\": \"echo\", \"requirements\": [\"python\"]}")
                .body()
                .path("callId")
                .asString();
        // The status must have reached gateway B, so that B's answers are about access, not about a call it lacks.
        await().atMost(BOUND)
                .until(() -> send(gatewayB, "GET", "/v1/calls/" + callId, alice, null)
                                .status()
                        == 200);

        for (String gateway : List.of(gatewayA, gatewayB)) {
            assertThat(send(gateway, "GET", "/v1/calls/" + callId, bob, null).status())
                    .isEqualTo(404);
            assertThat(send(gateway, "GET", "/v1/calls/" + callId + "/details", bob, null)
                            .status())
                    .isEqualTo(404);
            assertThat(send(gateway, "GET", "/v1/calls/" + callId + "/events", bob, null)
                            .status())
                    .isEqualTo(404);
            Reply download = send(gateway, "GET", "/v1/calls/" + callId + "/outputs/result", bob, null);
            assertThat(download.status()).isEqualTo(404);
            assertThat(download.body().path("error").asString()).isEqualTo("call_not_found");
            assertThat(send(gateway, "DELETE", "/v1/calls/" + callId, bob, null).status())
                    .isEqualTo(404);
            assertThat(send(gateway, "GET", "/v1/calls/" + callId, admin, null).status())
                    .isEqualTo(200);
        }
        // The owner is told about the output itself, not about the call.
        assertThat(send(gatewayA, "GET", "/v1/calls/" + callId + "/outputs/result", alice, null)
                        .body()
                        .path("error")
                        .asString())
                .isEqualTo("output_not_found");
        assertThat(callIdsListed(gatewayB, bob)).doesNotContain(callId);
        assertThat(callIdsListed(gatewayB, alice)).contains(callId);
        assertThat(callIdsListed(gatewayB, admin)).contains(callId);
        // Not cancelled by bob's attempts: the owner still can.
        assertThat(send(gatewayA, "DELETE", "/v1/calls/" + callId, alice, null).status())
                .isIn(200, 202);
    }

    @Test
    void aStoredTableIsUsableByItsUploaderNotByWhoeverKnowsItsHash() {
        String alice = mint("alice-tables", List.of("analysts"), Optional.empty());
        String bob = mint("bob-tables", List.of("analysts"), Optional.empty());
        String csv = "n,nonce\n1," + UUID.randomUUID() + "\n";
        Reply uploaded = sendRaw(gatewayA, "/v1/tables", alice, csv);
        assertThat(uploaded.status()).isEqualTo(201);
        String sha = uploaded.body().path("sha256").asString();
        String call =
                "{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"csv\", \"sha256\": \"" + sha + "\"}}}";

        Reply byBob = submit(gatewayB, bob, call);
        Reply byAlice = submit(gatewayB, alice, call);

        assertThat(byBob.status()).isEqualTo(400);
        assertThat(byBob.body().path("error").asString()).isEqualTo("table_not_found");
        assertThat(byAlice.status()).isEqualTo(202);
    }

    @Test
    void theTablesAPipelineProducedAreItsCallersToUseAndNobodyElses() throws Exception {
        String alice = mint("alice-pipeline-tables", List.of("analysts"), Optional.empty());
        String bob = mint("bob-pipeline-tables", List.of("analysts"), Optional.empty());
        String carol = mint("carol-pipeline-tables", List.of("analysts"), Optional.empty());
        String csv = "n,nonce\n1," + UUID.randomUUID() + "\n";
        // Stored by someone else: only the pipeline's end can make it alice's.
        String sha = sendRaw(gatewayA, "/v1/tables", carol, csv)
                .body()
                .path("sha256")
                .asString();
        String pipelineId = send(
                        gatewayA,
                        "POST",
                        "/v1/pipelines",
                        alice,
                        "{\"steps\": [{\"name\": \"make\", \"function\": \"echo\"}]}")
                .body()
                .path("pipelineId")
                .asString();
        String call =
                "{\"function\": \"echo\", \"tables\": {\"t\": {\"format\": \"csv\", \"sha256\": \"" + sha + "\"}}}";
        assertThat(submit(gatewayB, alice, call).status()).isEqualTo(400);

        // No executor here: the pipeline's end, as the router writes it to the reply topic of the gateway that took it.
        FuncResult end = FuncResult.newBuilder()
                .setCallId(pipelineId)
                .setFunction("pipeline")
                .setState(CallState.FINISHED)
                .setOutput("{}")
                .setTables(Map.of(
                        "make.out",
                        Table.newBuilder()
                                .setFormat(TableFormat.CSV)
                                .setData(TableRef.newBuilder()
                                        .setUri("s3://fabric/tables/" + sha)
                                        .setFormat(TableFormat.CSV)
                                        .setSizeBytes(csv.length())
                                        .setSha256(sha)
                                        .build())
                                .build()))
                .setFinishedAt(Instant.now())
                .build();
        try (KafkaProducer<String, FuncResult> producer = new KafkaProducer<>(
                new KafkaClientConfig(stack.bootstrap(), "security-it").producer(),
                new StringSerializer(),
                FabricSerdes.forRegistry(stack.registryUrl()).serializer(FuncResult.class))) {
            producer.send(new ProducerRecord<>(Topics.replies("sec-a"), pipelineId, end))
                    .get();
        }

        await().atMost(BOUND).until(() -> submit(gatewayB, alice, call).status() == 202);
        Reply byBob = submit(gatewayB, bob, call);
        assertThat(byBob.status()).isEqualTo(400);
        assertThat(byBob.body().path("error").asString()).isEqualTo("table_not_found");
    }

    // --- the console's session cookie ---

    @Test
    void signingInSetsAnHttpOnlyStrictCookieOnTheApiThatAuthenticatesWithoutTheHeader() {
        String token = mint("console-user", List.of("analysts"), Optional.empty());

        Reply signIn = send(gatewayA, "POST", "/v1/session", token, null);

        assertThat(signIn.status()).isEqualTo(204);
        String cookie = signIn.header("Set-Cookie").orElseThrow();
        assertThat(cookie.split("; "))
                .containsExactlyInAnyOrder("fabric_session=" + token, "Path=/v1", "HttpOnly", "SameSite=Strict");
        Reply session = sendWith(gatewayA, "GET", "/v1/session", Map.of("Cookie", "fabric_session=" + token), null);
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body().path("principal").asString()).isEqualTo("console-user");
        assertThat(sendWith(gatewayB, "GET", "/v1/calls", Map.of("Cookie", "fabric_session=" + token), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aChangeAuthenticatedByTheCookieWithoutTheConsoleHeaderIs403AndNothingIsQueued() {
        String token = mint("console-csrf", List.of("analysts"), Optional.empty());
        String forgedNonce = UUID.randomUUID().toString();
        String consoleNonce = UUID.randomUUID().toString();
        Map<String, String> cookie = Map.of("Cookie", "fabric_session=" + token);

        Reply forged = sendWith(gatewayA, "POST", "/v1/calls", cookie, echoWith(forgedNonce));
        Reply fromConsole = sendWith(
                gatewayA,
                "POST",
                "/v1/calls",
                Map.of("Cookie", "fabric_session=" + token, "X-Fabric-Console", "1"),
                echoWith(consoleNonce));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body().path("error").asString()).isEqualTo("console_header_missing");
        assertThat(forged.body().path("message").asString()).contains("X-Fabric-Console: 1");
        assertThat(fromConsole.status()).as(fromConsole.body().toString()).isEqualTo(202);
        String callId = fromConsole.body().path("callId").asString();
        assertThat(sendWith(gatewayA, "DELETE", "/v1/calls/" + callId, cookie, null)
                        .status())
                .isEqualTo(403);
        List<String> queuedArgs = CallsTopics.everyQueuedCall(stack.bootstrap(), stack.registryUrl()).stream()
                .map(FuncCall::getArgs)
                .toList();
        assertThat(queuedArgs).anyMatch(args -> args.contains(consoleNonce));
        assertThat(queuedArgs).noneMatch(args -> args.contains(forgedNonce));
    }

    @Test
    void signingInNeedsAValidTokenInTheAuthorizationHeader() {
        String token = mint("console-header-only", List.of("analysts"), Optional.empty());

        List<Reply> refused = List.of(
                send(gatewayA, "POST", "/v1/session", null, null),
                send(gatewayA, "POST", "/v1/session", ApiTokens.mint(), null),
                sendWith(
                        gatewayA,
                        "POST",
                        "/v1/session",
                        Map.of("Cookie", "fabric_session=" + token, "X-Fabric-Console", "1"),
                        null));

        for (Reply reply : refused) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aRevokedTokensCookieIsRefusedAndSigningOutStillClearsIt() {
        String token = mint("console-revoked", List.of("analysts"), Optional.empty());
        Map<String, String> cookie = Map.of("Cookie", "fabric_session=" + token);
        assertThat(sendWith(gatewayA, "GET", "/v1/functions", cookie, null).status())
                .isEqualTo(200);

        assertThat(tokens.revoke(ApiTokens.idOf(token))).isTrue();

        await().atMost(BOUND)
                .until(() ->
                        sendWith(gatewayA, "GET", "/v1/functions", cookie, null).status() == 401);
        Reply withoutHeader = sendWith(gatewayA, "DELETE", "/v1/session", cookie, null);
        Reply signOut = sendWith(
                gatewayA,
                "DELETE",
                "/v1/session",
                Map.of("Cookie", "fabric_session=" + token, "X-Fabric-Console", "1"),
                null);
        assertThat(withoutHeader.status()).isEqualTo(403);
        assertThat(signOut.status()).isEqualTo(204);
        assertThat(signOut.header("Set-Cookie"))
                .hasValueSatisfying(
                        v -> assertThat(v).startsWith("fabric_session=;").contains("Max-Age=0"));
    }

    /** Last, so that every token the other tests minted and sent, as a header or as a cookie, has been logged or not. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noTokenAppearsInAnyLogLine() throws IOException {
        String token = mint("logged", List.of("analysts"), Optional.empty());
        send(gatewayA, "GET", "/v1/functions", token, null);
        send(gatewayA, "GET", "/v1/functions", token + "x", null);

        try (Stream<Path> logs = Files.walk(stack.logDir())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log);
                assertThat(minted).as(log.toString()).noneMatch(text::contains);
            }
        }
    }

    private static List<String> callIdsListed(String gateway, String token) {
        JsonNode calls = send(gateway, "GET", "/v1/calls?caller=alice&limit=1000", token, null)
                .body()
                .path("calls");
        List<String> ids = new ArrayList<>();
        calls.forEach(row -> ids.add(row.path("callId").asString()));
        return ids;
    }

    private static String mint(String principal, List<String> groups, Optional<Duration> ttl) {
        String token = tokens.create(principal, groups, ttl).token();
        minted.add(token);
        if (ttl.isEmpty()) {
            // Every gateway follows fabric.tokens; wait until both know the new token.
            await().atMost(BOUND)
                    .until(() ->
                            send(gatewayA, "GET", "/v1/functions", token, null).status() == 200
                                    && send(gatewayB, "GET", "/v1/functions", token, null)
                                                    .status()
                                            == 200);
        }
        return token;
    }

    private static Reply submit(String gateway, String token, String json) {
        return send(gateway, "POST", "/v1/calls", token, json);
    }

    private static Reply sendRaw(String gateway, String path, String bearer, String csv) {
        return send(gateway, "POST", path, bearer, csv, "text/csv");
    }

    private static Reply send(String gateway, String method, String path, String bearer, String json) {
        return send(gateway, method, path, bearer, json, "application/json");
    }

    private static String echoWith(String nonce) {
        return "{\"function\": \"echo\", \"requirements\": [\"python\"], \"args\": {\"n\": \"" + nonce + "\"}}";
    }

    private static Reply send(
            String gateway, String method, String path, String bearer, String body, String contentType) {
        Map<String, String> headers = bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer);
        return send(gateway, method, path, headers, body, contentType);
    }

    /** A JSON request with these headers, e.g. the session cookie instead of a bearer token. */
    private static Reply sendWith(
            String gateway, String method, String path, Map<String, String> headers, String json) {
        return send(gateway, method, path, headers, json, "application/json");
    }

    private static Reply send(
            String gateway, String method, String path, Map<String, String> headers, String body, String contentType) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(gateway + path)).timeout(BOUND);
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() || !response.body().startsWith("{")
                    ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
