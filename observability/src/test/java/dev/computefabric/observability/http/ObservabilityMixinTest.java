package dev.computefabric.observability.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ObservabilityMixinTest {

    @Command(name = "component")
    static final class Component implements Callable<Integer> {
        @Mixin
        ObservabilityMixin endpoint;

        ObservabilityOptions seen;

        @Override
        public Integer call() {
            seen = endpoint.options();
            return 0;
        }
    }

    @Test
    void byDefaultTheEndpointTakesAnyFreePortOnEveryInterface() {
        Component component = new Component();

        assertThat(new CommandLine(component).execute()).isZero();
        assertThat(component.seen).isEqualTo(new ObservabilityOptions(ObservabilityOptions.DEFAULT_HOST, 0));
        assertThat(component.seen.enabled()).isTrue();
    }

    @Test
    void minusOneTurnsItOff() {
        Component component = new Component();

        assertThat(new CommandLine(component).execute("--metrics-port", "-1", "--metrics-host", "127.0.0.1"))
                .isZero();
        assertThat(component.seen.enabled()).isFalse();
        assertThat(component.seen.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorThatSaysWhy() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new Component()).setErr(new PrintWriter(err));

        assertThat(line.execute("--metrics-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("metrics port must be at most 65535, got 70000", "--metrics-port");
    }
}
