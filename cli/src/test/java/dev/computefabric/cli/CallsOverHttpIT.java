package dev.computefabric.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.infra.stack.LocalFabric;
import dev.computefabric.schemas.IdempotencyKeys;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls submitted over HTTP travel the whole path on the real broker, S3 server and registry. */
@ExtendWith(SharedFabric.class)
class CallsOverHttpIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private GatewayClient gateway;

    @BeforeEach
    void connect(LocalFabric fabric) {
        gateway = new GatewayClient(fabric.gatewayUrl());
    }

    @Test
    void echoReturnsItsArgumentsToAWaitingCaller() {
        ObjectNode request = GatewayClient.call("echo");
        request.putObject("args").put("text", "hello").putArray("list").add(1).add(2);

        GatewayClient.Answer answer = gateway.submit(request, WAIT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.state()).isEqualTo("FINISHED");
        assertThat(answer.body().path("output")).isEqualTo(request.get("args"));
        assertThat(answer.body().path("executorId").asText()).startsWith("executor-");
    }

    @Test
    void aPythonScriptDeployedOnTheNodesTakesATableAndScalarsAndReturnsBoth() {
        ObjectNode request = GatewayClient.call("summarize");
        request.putArray("requirements").add("python");
        request.putObject("args").put("scale", 10).put("column", "v");
        request.putObject("tables").putObject("sales").put("format", "csv").put("content", "region,v\na,1\nb,2\nc,3\n");

        GatewayClient.Answer answer = gateway.submit(request, WAIT);

        assertThat(answer.state()).as("answer %s", answer.body()).isEqualTo("FINISHED");
        assertThat(answer.body().path("output").toString()).isEqualTo("{\"total\":60.0}");
        assertThat(answer.body().path("tables").path("summary").path("content").asText())
                .isEqualTo("region,v\na,10.0\nb,20.0\nc,30.0\n");
        assertThat(answer.body().path("executorId").asText()).startsWith("executor-");
    }

    @Test
    void codeSentInACallIsRefusedByNodesNotStartedToRunItAndTheAnswerNamesTheFlag() {
        ObjectNode request = GatewayClient.call("python");
        request.putArray("requirements").add("python");
        request.putObject("args").put("code", "print(1)");

        GatewayClient.Answer answer = gateway.submit(request, WAIT);

        // No node offers python without the flag, so the gateway refuses the call before it is queued.
        assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("function_not_found");
        assertThat(answer.body().path("message").asText()).contains("--allow-inline-code");
    }

    @Test
    void tableDescribeCountsAnInlineTableRight() {
        DemoTable table = new DemoTable(500);
        GatewayClient.Answer answer = gateway.submit(describe(table), WAIT);

        assertThat(answer.state()).isEqualTo("FINISHED");
        assertThat(JsonMatch.matches(table.expectedDescription(), answer.body().path("output")))
                .as("describe output %s", answer.body().path("output"))
                .isTrue();
    }

    @Test
    void tableDescribeReadsATableAboveTheInlineLimitThroughS3() {
        DemoTable table = new DemoTable(40_000);
        assertThat(table.csv().length()).isGreaterThan(256 * 1024);

        GatewayClient.Answer answer = gateway.submit(describe(table), WAIT);

        assertThat(answer.state()).isEqualTo("FINISHED");
        assertThat(JsonMatch.matches(table.expectedDescription(), answer.body().path("output")))
                .as("describe output %s", answer.body().path("output"))
                .isTrue();
    }

    @Test
    void aCallWithoutWaitIsAcceptedAndCanBeFollowedUntilItFinishes() {
        ObjectNode sleep = GatewayClient.call("sleep");
        sleep.putObject("args").put("ms", 200);

        GatewayClient.Answer accepted = gateway.submit(sleep, null);
        assertThat(accepted.status()).isEqualTo(202);
        String callId = accepted.body().path("callId").asText();
        assertThat(callId).isNotBlank();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(gateway.get(callId).state()).isEqualTo("FINISHED"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersForTheFirstCall() {
        String key = "retry-" + UUID.randomUUID();
        ObjectNode sleep = GatewayClient.call("sleep");
        sleep.putObject("args").put("ms", 300);

        GatewayClient.Answer first = gateway.submit(sleep, null, key);
        GatewayClient.Answer retry = gateway.submit(sleep, WAIT, key);
        GatewayClient.Answer otherCall = gateway.submit(GatewayClient.call("echo"), null, key);
        GatewayClient.Answer notAKey = gateway.submit(GatewayClient.call("echo"), null, "two words");

        assertThat(first.status()).as("answer %s", first.body()).isEqualTo(202);
        String callId = first.body().path("callId").asText();
        assertThat(callId).isEqualTo(IdempotencyKeys.callId(key));
        assertThat(retry.status()).as("answer %s", retry.body()).isEqualTo(200);
        assertThat(retry.body().path("callId").asText()).isEqualTo(callId);
        assertThat(retry.state()).isEqualTo("FINISHED");
        assertThat(otherCall.status()).as("answer %s", otherCall.body()).isEqualTo(422);
        assertThat(otherCall.body().path("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(notAKey.status()).as("answer %s", notAKey.body()).isEqualTo(400);
        assertThat(notAKey.body().path("message").asText()).contains("Idempotency-Key");
    }

    @Test
    void aCallNeedingACapabilityGoesOnlyToANodeThatHasIt() {
        ObjectNode request = GatewayClient.call("echo");
        request.putObject("args").put("n", 1);
        request.putArray("requirements").add("python");

        GatewayClient.Answer answer = gateway.submit(request, WAIT);

        assertThat(answer.state()).isEqualTo("FINISHED");
        assertThat(answer.body().path("executorId").asText()).startsWith("executor-");
    }

    @Test
    void anUnknownFunctionIsRefusedBeforeItIsQueuedWithTheClosestNames() {
        GatewayClient.Answer answer = gateway.submit(GatewayClient.call("sumarize"), WAIT);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("function_not_found");
        assertThat(answer.body().path("message").asText()).contains("'sumarize'");
        assertThat(answer.body().path("suggestions").get(0).asText()).isEqualTo("summarize");
    }

    @Test
    void malformedJsonIsA400ThatSaysWhatToFix() {
        GatewayClient.Answer answer = gateway.submitRaw("{\"function\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asText()).isNotBlank();
    }

    @Test
    void aRequestWithoutAFunctionIsA400NamingTheField() {
        GatewayClient.Answer answer = gateway.submitRaw("{\"args\": {}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asText()).contains("function");
    }

    @Test
    void anUnknownCallIdIsA404() {
        assertThat(gateway.get("00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    private static ObjectNode describe(DemoTable table) {
        ObjectNode request = GatewayClient.call("table.describe");
        request.putObject("tables").putObject("input").put("format", "csv").put("content", table.csv());
        return request;
    }
}
