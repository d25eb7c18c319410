package dev.computefabric.executor.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.testing.TestCalls;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltinFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void echoAnswersWithItsArgumentsUnchanged() throws Exception {
        String args = "{\"a\":1,\"nested\":{\"b\":[true,null,\"x\"]},\"z\":2.5}";

        Object output = new Echo().run(context(TestCalls.call(Echo.NAME).args(args)));

        assertThat(JSON.writeValueAsString(output)).isEqualTo(args);
    }

    @Test
    void sleepAnswersWithHowLongItSlept() throws Exception {
        assertThat(new Sleep().run(context(TestCalls.call(Sleep.NAME).args("{\"ms\": 0}"))))
                .isEqualTo(Map.of("sleptMs", 0L));
    }

    @Test
    void sleepEndsWithInterruptedExceptionWhenItsThreadIsInterrupted() {
        CallContext context = context(TestCalls.call(Sleep.NAME).args("{\"ms\": 600000}"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new Sleep().run(context)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aSlowerNodesSleepReplacesTheBuiltinOneAndCannotBeFasterThanFullSpeed() {
        Sleep slow = new Sleep(4);

        FunctionRegistry functions = FunctionRegistry.builtins().replacing(slow);

        assertThat(functions.find(Sleep.NAME)).containsSame(slow);
        assertThat(functions.names()).isEqualTo(FunctionRegistry.builtins().names());
        assertThatThrownBy(() -> new Sleep(0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowdown");
    }

    @Test
    void sleepSaysHowToFixAMissingOrWrongDuration() {
        assertThatThrownBy(() -> new Sleep().run(context(TestCalls.call(Sleep.NAME))))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("sleep: \"ms\" is required; for example {\"ms\": 50}");
        assertThatThrownBy(
                        () -> new Sleep().run(context(TestCalls.call(Sleep.NAME).args("{\"ms\": \"soon\"}"))))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("sleep: \"ms\" must be a whole number, got string \"soon\"; for example {\"ms\": 50}");
        assertThatThrownBy(
                        () -> new Sleep().run(context(TestCalls.call(Sleep.NAME).args("{\"ms\": -1}"))))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageContaining("\"ms\" must be between 0 and 86400000, got -1");
    }

    @Test
    void failAlwaysFailsWithTheGivenMessageAndRetryability() {
        assertThatThrownBy(() -> new Fail()
                        .run(context(TestCalls.call(Fail.NAME).args("{\"message\": \"boom\", \"retryable\": true}"))))
                .isInstanceOfSatisfying(FunctionFailedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("boom");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void failIsNotRetryableUnlessAsked() {
        assertThatThrownBy(() -> new Fail().run(context(TestCalls.call(Fail.NAME))))
                .isInstanceOfSatisfying(FunctionFailedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(Fail.DEFAULT_MESSAGE);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void theRegistryOffersTheBuiltinsByNameAndInlinePythonOnlyWhenAsked() {
        assertThat(FunctionRegistry.builtins().names())
                .containsExactly(
                        "echo",
                        "fail",
                        "sleep",
                        "table.copy",
                        "table.describe",
                        "table.describe.merge",
                        "table.generate");
        assertThat(FunctionRegistry.builtins().withInlineCode().names()).contains("python");
    }

    @Test
    void everyBuiltinDescribesItselfAndTheOnesWithArgumentsDeclareThem() {
        Map<String, FunctionSpec> specs = FunctionRegistry.builtins().withInlineCode().functions().stream()
                .collect(Collectors.toMap(FabricFunction::name, FabricFunction::spec));

        assertThat(specs.values())
                .allSatisfy(spec -> assertThat(spec.getDescription()).isNotBlank());
        assertThat(specs.get("echo").getInputs()).as("echo takes any args").isNull();
        assertThat(specs.get("sleep").getInputs()).singleElement().satisfies(ms -> {
            assertThat(ms.getName()).isEqualTo("ms");
            assertThat(ms.getType()).isEqualTo(ParamType.INT);
            assertThat(ms.getOptional()).isFalse();
        });
        assertThat(specs.get("table.describe").getInputs())
                .anySatisfy(table -> assertThat(table.getType()).isEqualTo(ParamType.DATAFRAME));
        assertThat(specs.get("table.generate").getOutputs())
                .extracting(FunctionParam::getName)
                .containsExactly("data", "rows");
        assertThat(specs.get("python").getCapabilities()).containsExactly("python");
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreBadArguments() {
        assertThatThrownBy(() -> Args.parse("echo", "[1, 2]"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("echo: args must be a JSON object, got array [1,2]; pass a JSON object such as {}");
        assertThatThrownBy(() -> Args.parse("echo", "{oops"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("echo: args are not valid JSON");
    }

    private static CallContext context(TestCalls call) {
        FuncCall built = call.build();
        return new CallContext(built, Args.parse(built.getFunction(), built.getArgs()), FabricTables.inlineOnly(1024));
    }
}
