package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.gateway.calls.HeapBudget;
import dev.computefabric.gateway.calls.SecondLook;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.console.ExecutorDirectory;
import dev.computefabric.gateway.console.Throughput;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The JSON contract of the console's API: the call list, a call's details, throughput and the executors. */
@WebMvcTest({CallListController.class, ExecutorsController.class})
@Import(ConsoleApiTest.Console.class)
class ConsoleApiTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

    @TestConfiguration
    static class Console {
        @Bean
        SettableClock clock() {
            return new SettableClock(NOW);
        }

        @Bean
        SecondLook secondLook() {
            return SecondLook.NONE;
        }

        @Bean
        Throughput throughput(SettableClock clock) {
            return new Throughput(clock);
        }

        @Bean
        CallIndex callIndex(Throughput throughput) {
            return new CallIndex(100, HeapBudget.MAX_DEFAULT_BYTES, List.of(throughput::onChange));
        }

        @Bean
        ExecutorDirectory executorDirectory(SettableClock clock) {
            return new ExecutorDirectory(clock, Duration.ofSeconds(15));
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private CallIndex index;

    @Autowired
    private ExecutorDirectory executors;

    @Test
    void theListShowsRowsWithIsoTimesACursorAndTheTotal() throws Exception {
        index.onStatus(
                "c1",
                status("c1", 1, CallState.RUNNING)
                        .setProgress(0.25)
                        .setProgressMessage("a quarter")
                        .build());
        index.onStatus("c2", status("c2", 2, CallState.ACCEPTED).build());

        var result = mvc.get().uri("/v1/calls?limit=1").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.calls[0].callId").isEqualTo("c2");
        assertThat(result).bodyJson().extractingPath("$.calls[0].submittedAt").isEqualTo("2026-01-01T00:00:02Z");
        assertThat(result).bodyJson().extractingPath("$.calls[0].gateway").isEqualTo("gw-a");
        assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(2);
        String next = com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.next");
        var second = mvc.get().uri("/v1/calls?limit=1&cursor=" + next).exchange();
        assertThat(second)
                .bodyJson()
                .extractingPath("$.calls[0].progress.message")
                .isEqualTo("a quarter");
        assertThat(second).bodyJson().extractingPath("$.next").isNull();
    }

    @Test
    void anUnknownStateIsABadRequestThatNamesTheStates() {
        var result = mvc.get().uri("/v1/calls?state=SLEEPING").exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("invalid_request");
        assertThat(result).bodyJson().extractingPath("$.message").asString().contains("FINISHED");
    }

    @Test
    void detailsShowTheArgumentsAsJsonAndTheTimeline() {
        index.onStatus(
                "d1", status("d1", 3, CallState.ACCEPTED).setArgs("{\"ms\": 5}").build());
        index.onStatus(
                "d1",
                status("d1", 3, CallState.RUNNING)
                        .setExecutorId("exec-1")
                        .setArgs("{\"ms\": 5}")
                        .build());

        var result = mvc.get().uri("/v1/calls/d1/details").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.args.ms").isEqualTo(5);
        assertThat(result).bodyJson().extractingPath("$.timeline[1].state").isEqualTo("RUNNING");
        assertThat(result).bodyJson().extractingPath("$.timeline[1].node").isEqualTo("exec-1");
        assertThat(mvc.get().uri("/v1/calls/nope/details").exchange()).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void throughputIsOneValuePerSecondOfTheWindow() {
        var result = mvc.get().uri("/v1/calls/throughput").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.ended.FINISHED.length()")
                .isEqualTo((int) Throughput.WINDOW.toSeconds());
    }

    @Test
    void executorsShowSlotsBusyAndFreeAndTheirLoad() {
        executors.onStatus(
                "e1",
                ExecutorStatus.newBuilder()
                        .setExecutorId("e1")
                        .setHost("h")
                        .setVersion("v")
                        .setCapabilities(List.of("gpu"))
                        .setFunctions(List.of("echo"))
                        .setSlots(4)
                        .setBusy(3)
                        .setUpdatedAt(NOW)
                        .build());

        var result = mvc.get().uri("/v1/executors").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.executors[0].free").isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.executors[0].load").isEqualTo(0.75);
        assertThat(result).bodyJson().extractingPath("$.executors[0].lastSeen").isEqualTo("2026-01-01T00:01:00Z");
    }

    @Test
    void withSecurityOffThereIsNoSessionToSignInTo() {
        // The console asks GET /v1/session at start: 404 means nobody needs to sign in here.
        for (var request : List.of(mvc.get(), mvc.post(), mvc.delete())) {
            assertThat(request.uri("/v1/session").exchange())
                    .hasStatus(HttpStatus.NOT_FOUND)
                    .bodyJson()
                    .extractingPath("$.error")
                    .isEqualTo("not_found");
        }
    }

    private static CallStatus.Builder status(String callId, long second, CallState state) {
        Instant submitted = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second);
        return CallStatus.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(state)
                .setCapset("any")
                .setReplyTo("fabric.replies.gw-a")
                .setSubmittedAt(submitted)
                .setUpdatedAt(submitted);
    }
}
