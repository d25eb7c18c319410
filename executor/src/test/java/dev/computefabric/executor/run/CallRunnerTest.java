package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.deploy.FunctionSetup;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionLookup;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.function.builtin.Fail;
import dev.computefabric.executor.function.builtin.Sleep;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRunnerTest {

    private final SettableClock clock = new SettableClock(TestCalls.SUBMITTED.plusSeconds(1));
    private final List<String> events = new ArrayList<>();

    @Test
    void aFinishedCallCarriesTheFunctionsOutputAsJson() {
        FuncResult result = completed(runner(FunctionRegistry.builtins())
                .run(TestCalls.call(Echo.NAME).id("c-7").args("{\"x\": [1, 2]}").build()));

        assertThat(result.getState()).isEqualTo(CallState.FINISHED);
        assertThat(result.getOutput()).isEqualTo("{\"x\":[1,2]}");
        assertThat(result.getCallId()).isEqualTo("c-7");
        assertThat(result.getExecutorId()).isEqualTo("node-1");
        assertThat(result.getStartedAt()).isEqualTo(clock.instant());
        assertThat(result.getError()).isNull();
    }

    @Test
    void startedIsEmittedBeforeTheFunctionRuns() {
        FabricFunction probe = new FabricFunction() {
            public String name() {
                return "probe";
            }

            public Object run(dev.computefabric.executor.function.CallContext context) {
                events.add("ran");
                return null;
            }
        };

        runner(new FunctionRegistry(List.of(probe))).run(TestCalls.call("probe").build());

        assertThat(events).containsExactly("started call-1", "ran");
    }

    @Test
    void anUnknownFunctionFailsWithFunctionNotFoundNamingWhatTheNodeOffers() {
        FuncResult result = completed(
                runner(FunctionRegistry.builtins()).run(TestCalls.call("nope").build()));

        assertThat(result.getState()).isEqualTo(CallState.FAILED);
        assertThat(result.getError().getType()).isEqualTo("FunctionNotFound");
        assertThat(result.getError().getMessage())
                .isEqualTo(
                        "no function 'nope' on executor node-1; it offers: echo, fail, sleep, table.copy, table.describe, table.describe.merge, table.generate");
        assertThat(result.getError().getRetryable()).isFalse();
    }

    @Test
    void argumentsThatAreNotAnObjectFailWithBadArguments() {
        FuncResult result = completed(runner(FunctionRegistry.builtins())
                .run(TestCalls.call(Echo.NAME).args("42").build()));

        assertThat(result.getError().getType()).isEqualTo("BadArguments");
        assertThat(result.getError().getMessage()).contains("args must be a JSON object");
    }

    @Test
    void aFunctionsOwnFailureKeepsItsMessageAndRetryability() {
        FuncResult result = completed(runner(FunctionRegistry.builtins())
                .run(TestCalls.call(Fail.NAME)
                        .args("{\"message\": \"disk full\", \"retryable\": true}")
                        .build()));

        assertThat(result.getError().getType()).isEqualTo("FunctionFailed");
        assertThat(result.getError().getMessage()).isEqualTo("disk full");
        assertThat(result.getError().getRetryable()).isTrue();
    }

    @Test
    void aFunctionThatThrowsUnexpectedlyFailsWithInternalErrorNamingTheException() {
        FabricFunction buggy = function("buggy", () -> {
            throw new IllegalStateException("oops");
        });

        FuncResult result = completed(runner(new FunctionRegistry(List.of(buggy)))
                .run(TestCalls.call("buggy").build()));

        assertThat(result.getError().getType()).isEqualTo("InternalError");
        assertThat(result.getError().getMessage()).isEqualTo("java.lang.IllegalStateException: oops");
    }

    @Test
    void anInterruptedCallIsAbandonedNotFailed() {
        FuncCall call = TestCalls.call(Sleep.NAME).args("{\"ms\": 600000}").build();
        Thread.currentThread().interrupt();
        CallOutcome outcome;
        try {
            outcome = runner(FunctionRegistry.builtins()).run(call);
        } finally {
            Thread.interrupted();
        }

        assertThat(outcome).isInstanceOf(CallOutcome.Abandoned.class);
    }

    @Test
    void aCallWhoseDeadlinePassedBeforeItStartedTimesOutWithoutRunning() {
        clock.advance(Duration.ofSeconds(10));
        FuncCall call = TestCalls.call(Echo.NAME).timeoutMs(5_000).build();

        FuncResult result = completed(runner(FunctionRegistry.builtins()).run(call));

        assertThat(result.getState()).isEqualTo(CallState.TIMED_OUT);
        assertThat(result.getError().getType()).isEqualTo("Timeout");
        assertThat(result.getError().getMessage())
                .isEqualTo("the call's deadline passed 6000 ms before an executor could start it");
        assertThat(events).isEmpty();
    }

    @Test
    void aCallWithinItsDeadlineRuns() {
        FuncResult result = completed(runner(FunctionRegistry.builtins())
                .run(TestCalls.call(Echo.NAME).timeoutMs(5_000).build()));

        assertThat(result.getState()).isEqualTo(CallState.FINISHED);
    }

    @Test
    void aCallToInlinePythonOnANodeThatRefusesItFailsNamingTheFlag() {
        FunctionSetup.Assembled functions = FunctionSetup.builtinsOnly().assemble();

        FuncResult result = completed(runner(functions.functions())
                .run(TestCalls.call("python").args("{\"code\": \"print(1)\"}").build()));

        assertThat(result.getState()).isEqualTo(CallState.FAILED);
        assertThat(result.getError().getType()).isEqualTo("FunctionNotFound");
        assertThat(result.getError().getMessage()).contains("--allow-inline-code");
        assertThat(functions.functions().specs())
                .extracting(spec -> spec.getName())
                .doesNotContain("python");
    }

    private CallRunner runner(FunctionLookup functions) {
        CallEvents recording = (call, at) -> events.add("started " + call.getCallId());
        return new CallRunner("node-1", functions, FabricTables.inlineOnly(1024), recording, clock);
    }

    private static FuncResult completed(CallOutcome outcome) {
        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        return ((CallOutcome.Completed) outcome).result();
    }

    private static FabricFunction function(String name, java.util.concurrent.Callable<Object> body) {
        return new FabricFunction() {
            public String name() {
                return name;
            }

            public Object run(dev.computefabric.executor.function.CallContext context) throws Exception {
                return body.call();
            }
        };
    }
}
