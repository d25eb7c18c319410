package dev.computefabric.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Capset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExecutorMainTest {

    @Test
    void theCommandLineBecomesOptions() {
        ExecutorOptions options = parse(
                "--bootstrap",
                "b:9092",
                "--registry",
                "http://r:8081",
                "--capabilities",
                "gpu,Python",
                "--no-detect-runtimes",
                "--slots",
                "8",
                "--id",
                "node-7",
                "--group",
                "g",
                "--drain-timeout",
                "5s",
                "--s3",
                "http://s3:9000",
                "--s3-bucket",
                "tables");

        assertThat(options.bootstrap()).isEqualTo("b:9092");
        assertThat(options.registry()).isEqualTo("http://r:8081");
        assertThat(options.capabilities()).isEqualTo(Capset.of("gpu", "python"));
        assertThat(options.slots()).isEqualTo(8);
        assertThat(options.executorId()).isEqualTo("node-7");
        assertThat(options.group()).isEqualTo("g");
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.s3().endpoint().toString()).isEqualTo("http://s3:9000");
        assertThat(options.s3().bucket()).isEqualTo("tables");
        assertThat(options.s3().accessKey()).isEqualTo("fabric");
    }

    @Test
    void withoutS3AndCapabilitiesTheNodeServesAnyWithInlineTablesOnly() {
        ExecutorOptions options =
                parse("--bootstrap", "b:9092", "--registry", "http://r", "--no-detect-runtimes", "--id", "n");

        assertThat(options.capabilities()).isEqualTo(Capset.of());
        assertThat(options.tableStorage()).isEmpty();
        assertThat(options.slots()).isEqualTo(ExecutorOptions.DEFAULT_SLOTS);
        assertThat(options.drainTimeout()).isEqualTo(ExecutorOptions.DEFAULT_DRAIN_TIMEOUT);
    }

    @Test
    void runtimesFoundOnThePathAreAddedUnlessDetectionIsOff() {
        ExecutorOptions detected =
                parse("--bootstrap", "b:9092", "--registry", "http://r", "--id", "n", "--capabilities", "gpu");

        assertThat(detected.capabilities().asSet())
                .contains("gpu")
                .containsAll(Capabilities.detect(java.util.List.of(), ExecutablesOnPath.system())
                        .asSet());
    }

    @Test
    void durationsReadMillisecondsSecondsMinutesAndIso() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("'soon' is not a duration");
    }

    private static ExecutorOptions parse(String... args) {
        ExecutorMain main = new ExecutorMain();
        new CommandLine(main).parseArgs(args);
        return main.options();
    }
}
