package dev.computefabric.executor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.schemas.Capset;
import org.junit.jupiter.api.Test;

class ExecutorNodeBuilderTest {

    private final ExecutorOptions options = ExecutorOptions.defaults("b:9092", "http://r", null, Capset.of());

    @Test
    void aNodeNeedsOptionsFunctionsAndAClockAndTheBuilderSaysWhichIsMissing() {
        assertThatThrownBy(() -> ExecutorNode.builder(null)).hasMessage("options are required");
        assertThatThrownBy(() -> ExecutorNode.builder(options).functions((FunctionRegistry) null))
                .hasMessage("functions are required");
        assertThatThrownBy(() -> ExecutorNode.builder(options).clock(null)).hasMessage("clock is required");
    }
}
