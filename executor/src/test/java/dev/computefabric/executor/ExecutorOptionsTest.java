package dev.computefabric.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Capset;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutorOptionsTest {

    @Test
    void defaultsAreFourSlotsTheSharedGroupAndAThirtySecondDrain() {
        ExecutorOptions options =
                ExecutorOptions.defaults("localhost:9092", "http://localhost:8081", null, Capset.of());

        assertThat(options.slots()).isEqualTo(4);
        assertThat(options.group()).isEqualTo("fabric-executors");
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.tableStorage()).isEmpty();
    }

    @Test
    void theDefaultIdIsTheHostNameAndAShortRandomSuffix() {
        String id = ExecutorOptions.defaultExecutorId();

        assertThat(id).matches("[A-Za-z0-9._-]+-[0-9a-f]{6}");
        assertThat(ExecutorOptions.defaultExecutorId()).isNotEqualTo(id);
    }

    @Test
    void aMissingBootstrapSaysWhereToSetIt() {
        assertThatThrownBy(() -> ExecutorOptions.defaults(" ", "http://r", null, Capset.of()))
                .hasMessage("bootstrap (--bootstrap or FABRIC_BOOTSTRAP) is required");
        assertThatThrownBy(() -> ExecutorOptions.defaults("b:9092", null, null, Capset.of()))
                .hasMessage("registry (--registry or FABRIC_REGISTRY) is required");
    }

    @Test
    void slotsMustBePositive() {
        assertThatThrownBy(() -> with(0, "node-1")).hasMessage("slots must be 1..1024, got 0");
    }

    @Test
    void anIdWithCharactersUnsafeForKafkaIsRefused() {
        assertThatThrownBy(() -> with(1, "node 1/a"))
                .hasMessage("executorId must be 1-200 characters of A-Z a-z 0-9 . _ -, got 'node 1/a'");
    }

    private static ExecutorOptions with(int slots, String id) {
        return new ExecutorOptions(
                "b:9092",
                "http://r",
                null,
                Capset.of(),
                slots,
                id,
                "g",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                0);
    }
}
