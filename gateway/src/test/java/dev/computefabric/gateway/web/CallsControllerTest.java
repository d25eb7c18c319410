package dev.computefabric.gateway.web;

import static dev.computefabric.gateway.calls.CallTestData.accepted;
import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.computefabric.avro.CallState;
import dev.computefabric.gateway.calls.BadArgumentsException;
import dev.computefabric.gateway.calls.CallAlreadyEndedException;
import dev.computefabric.gateway.calls.CallNotFoundException;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.Calls;
import dev.computefabric.gateway.calls.Cancellations;
import dev.computefabric.gateway.calls.FabricUnavailableException;
import dev.computefabric.gateway.calls.FunctionNotFoundException;
import dev.computefabric.gateway.calls.Submitted;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The HTTP contract of {@code /v1/calls}: status codes and the one error shape. The fabric behind it is stubbed. */
@WebMvcTest(CallsController.class)
@Import(CallsControllerTest.Parsing.class)
class CallsControllerTest {

    @TestConfiguration
    static class Parsing {
        @Bean
        CallRequestParser callRequestParser() {
            return new CallRequestParser(Duration.ofSeconds(60), 64 * 1024);
        }

        @Bean
        CallViewRenderer callViewRenderer() {
            return new CallViewRenderer();
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private Calls calls;

    @MockitoBean
    private Cancellations cancellations;

    private MvcTestResult post(String body) {
        return mvc.post()
                .uri("/v1/calls")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private static void assertError(MvcTestResult result, HttpStatus status, String code, String message) {
        assertThat(result).hasStatus(status);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo(code);
        assertThat(result).bodyJson().extractingPath("$.message").asString().contains(message);
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhere() {
        assertError(post("{\"function\": "), HttpStatus.BAD_REQUEST, "malformed_json", "not valid JSON at line 1");
        verifyNoInteractions(calls);
    }

    @Test
    void malformedJsonIsExplainedInTheWordsOfJsonNotOfTheParser() {
        MvcTestResult result = post("{\"function\": \"echo\"");

        assertError(
                result,
                HttpStatus.BAD_REQUEST,
                "malformed_json",
                "the request body is not valid JSON at line 1, column 20: the body ends inside an object: a closing"
                        + " '}' is missing");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.message")
                .asString()
                .doesNotContain("Source", "REDACTED", "marker");
    }

    @Test
    void aMissingFunctionIsABadRequest() {
        assertError(post("{\"args\": {}}"), HttpStatus.BAD_REQUEST, "invalid_request", "function is required");
    }

    @Test
    void aBadCapabilityTagIsABadRequest() {
        assertError(
                post("{\"function\": \"echo\", \"requirements\": [\"GPU!\"]}"),
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "capability tag \"GPU!\" is not allowed");
    }

    @Test
    void aWaitAboveTheMaximumIsCappedAndTheAnswerSaysToWhat() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.completedFuture(new Submitted(accepted("c1"), List.of())));

        MvcTestResult result = post("{\"function\": \"echo\", \"wait\": \"2h\"}");

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasHeader("Fabric-Wait-Capped", "1m");
    }

    @Test
    void aWaitWithinTheMaximumSaysNothingAboutCapping() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.completedFuture(new Submitted(accepted("c1"), List.of())));

        assertThat(post("{\"function\": \"echo\", \"wait\": \"30s\"}")).doesNotContainHeader("Fabric-Wait-Capped");
    }

    @Test
    void getAndDeleteWithAWaitAboveTheMaximumSayItWasCapped() {
        given(calls.find("c1", Optional.of(Duration.ofSeconds(60))))
                .willReturn(CompletableFuture.completedFuture(accepted("c1")));
        given(cancellations.cancel("c1", Optional.of(Duration.ofSeconds(60))))
                .willReturn(CompletableFuture.completedFuture(accepted("c1")));

        assertThat(mvc.get().uri("/v1/calls/c1?wait=PT999999H").exchange())
                .hasStatus(HttpStatus.OK)
                .hasHeader("Fabric-Wait-Capped", "1m");
        assertThat(mvc.delete().uri("/v1/calls/c1?wait=99999m").exchange())
                .hasStatus(HttpStatus.ACCEPTED)
                .hasHeader("Fabric-Wait-Capped", "1m");
    }

    @Test
    void anEmptyBodyWithoutContentTypeIsABadRequest() {
        assertError(
                mvc.post().uri("/v1/calls").exchange(),
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "the request body is empty");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        assertError(
                post("{\"function\": \"echo\", \"args\": {\"pad\": \"" + "x".repeat(70_000) + "\"}}"),
                HttpStatus.CONTENT_TOO_LARGE,
                "call_too_large",
                "larger than 65536 bytes");
        verifyNoInteractions(calls);
    }

    @Test
    void anAcceptedCallIs202WithItsLocation() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.completedFuture(new Submitted(accepted("c1"), List.of())));

        MvcTestResult result = post("{\"function\": \"echo\"}");

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasHeader("Location", "/v1/calls/c1");
        assertThat(result).bodyJson().extractingPath("$.callId").isEqualTo("c1");
        assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("ACCEPTED");
    }

    @Test
    void aCallThatEndedWithinTheWaitIs200WithItsOutput() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.supplyAsync(
                        () -> new Submitted(accepted("c1").with(finished("c1", "{\"n\": 2}")), List.of())));

        MvcTestResult result = post("{\"function\": \"echo\", \"wait\": \"5s\"}");

        assertThat(result).hasStatus(HttpStatus.OK);
        assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("FINISHED");
        assertThat(result).bodyJson().extractingPath("$.output.n").isEqualTo(2);
    }

    @Test
    void anAcceptedCallCarriesTheCatalogsWarnings() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.completedFuture(
                        new Submitted(accepted("c1"), List.of("no live node offers 'echo' now"))));

        MvcTestResult result = post("{\"function\": \"echo\"}");

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(result).bodyJson().extractingPath("$.warnings[0]").isEqualTo("no live node offers 'echo' now");
    }

    @Test
    void aCallWithoutWarningsShowsNone() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.completedFuture(new Submitted(accepted("c1"), List.of())));

        assertThat(post("{\"function\": \"echo\"}")).bodyJson().doesNotHavePath("$.warnings");
    }

    @Test
    void anUnknownFunctionIs404WithSuggestions() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.failedFuture(new FunctionNotFoundException(
                        "ecko", List.of("echo"), "no node offers a function named 'ecko'; did you mean 'echo'?")));

        MvcTestResult result = post("{\"function\": \"ecko\"}");

        assertError(result, HttpStatus.NOT_FOUND, "function_not_found", "did you mean 'echo'?");
        assertThat(result).bodyJson().extractingPath("$.suggestions").asArray().containsExactly("echo");
    }

    @Test
    void argumentsThatDoNotFitAre400NamingTheArgument() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.failedFuture(
                        new BadArgumentsException("f", "n", "argument 'n' of 'f' must be an int, got string \"3\"")));

        MvcTestResult result = post("{\"function\": \"f\", \"args\": {\"n\": \"3\"}}");

        assertError(result, HttpStatus.BAD_REQUEST, "bad_arguments", "argument 'n' of 'f' must be an int");
        assertThat(result).bodyJson().extractingPath("$.argument").isEqualTo("n");
    }

    @Test
    void kafkaUnavailableIs503() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.failedFuture(
                        new FabricUnavailableException("cannot publish call: Kafka is unavailable", null)));

        assertError(
                post("{\"function\": \"echo\"}"),
                HttpStatus.SERVICE_UNAVAILABLE,
                "fabric_unavailable",
                "Kafka is unavailable");
    }

    @Test
    void anUnknownCallIs404() {
        given(calls.find(eq("nope"), any())).willThrow(new CallNotFoundException("nope"));

        assertError(mvc.get().uri("/v1/calls/nope").exchange(), HttpStatus.NOT_FOUND, "call_not_found", "'nope'");
    }

    @Test
    void getPassesTheWaitOn() {
        given(calls.find("c1", Optional.of(Duration.ofMillis(250))))
                .willReturn(CompletableFuture.completedFuture(accepted("c1")));

        assertThat(mvc.get().uri("/v1/calls/c1?wait=250ms").exchange())
                .hasStatus(HttpStatus.OK)
                .bodyJson()
                .extractingPath("$.state")
                .isEqualTo("ACCEPTED");
    }

    @Test
    void aBadWaitParameterIsABadRequest() {
        assertError(
                mvc.get().uri("/v1/calls/c1?wait=forever").exchange(),
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "wait must be a duration");
    }

    @Test
    void springsOwnErrorsUseTheSameShape() {
        assertError(
                mvc.put().uri("/v1/calls/c1").exchange(), HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "PUT");
        assertThat(mvc.get().uri("/v2/nothing").exchange())
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .extractingPath("$.error")
                .isEqualTo("not_found");
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        given(calls.submit(any()))
                .willReturn(CompletableFuture.failedFuture(new IllegalStateException("secret detail")));

        MvcTestResult result = post("{\"function\": \"echo\"}");

        assertError(result, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "IllegalStateException");
        assertThat(result).bodyJson().extractingPath("$.message").asString().doesNotContain("secret detail");
    }

    @Test
    void aCancelIsAcceptedWithTheCallsCurrentState() {
        given(cancellations.cancel(eq("c1"), eq(Optional.empty())))
                .willReturn(CompletableFuture.completedFuture(accepted("c1")));

        MvcTestResult result = mvc.delete().uri("/v1/calls/c1").exchange();

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("ACCEPTED");
    }

    @Test
    void cancellingAnEndedCallIsAConflict() {
        given(cancellations.cancel(eq("c1"), any())).willThrow(new CallAlreadyEndedException("c1", CallState.FINISHED));

        assertError(
                mvc.delete().uri("/v1/calls/c1").exchange(),
                HttpStatus.CONFLICT,
                "call_already_ended",
                "already ended as FINISHED");
    }

    @Test
    void cancellingAnUnknownCallIs404() {
        given(cancellations.cancel(eq("nope"), any())).willThrow(new CallNotFoundException("nope"));

        assertError(mvc.delete().uri("/v1/calls/nope").exchange(), HttpStatus.NOT_FOUND, "call_not_found", "nope");
    }
}
