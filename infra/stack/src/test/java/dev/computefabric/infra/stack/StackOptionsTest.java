package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.kafka.TopicProvisioner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackOptionsTest {

    @TempDir
    Path dir;

    @Test
    void theBuilderDefaultsToTheDevProfileAnyPortsAndCreatesTheDataDirectory() {
        EmbeddedStack stack =
                EmbeddedStack.builder().dataDir(dir.resolve("stack")).build();

        StackOptions options = stack.options();
        assertThat(options.brokerProfile()).isEqualTo(BrokerProfile.DEV);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.brokerPort()).isZero();
        assertThat(options.partitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(stack.dataDir()).isDirectory();
        assertThat(stack.logDir()).isEqualTo(stack.dataDir().resolve("logs"));
    }

    @Test
    void aStackThatIsNotStartedRefusesToAnswerWhereItRuns() {
        EmbeddedStack stack = EmbeddedStack.builder().dataDir(dir).build();

        assertThatThrownBy(stack::bootstrap).hasMessageContaining("call start() first");
        stack.close();
        stack.close();
    }

    @Test
    void optionsNameTheFieldThatIsWrong() {
        assertThatThrownBy(() -> EmbeddedStack.builder().build()).hasMessageContaining("dataDir is required");
        assertThatThrownBy(() ->
                        EmbeddedStack.builder().dataDir(dir).brokerHeap("lots").build())
                .hasMessageContaining("brokerHeap");
        assertThatThrownBy(() ->
                        EmbeddedStack.builder().dataDir(dir).registryPort(-1).build())
                .hasMessageContaining("registryPort");
        assertThatThrownBy(() -> EmbeddedStack.builder()
                        .dataDir(dir)
                        .s3Credentials("key", " ")
                        .build())
                .hasMessageContaining("s3SecretKey");
    }

    @Test
    void theHostMustBeAnAddressClientsCanBeGiven() {
        assertThat(EmbeddedStack.builder()
                        .dataDir(dir)
                        .host("10.231.0.1")
                        .build()
                        .options()
                        .host())
                .isEqualTo("10.231.0.1");
        assertThat(EmbeddedStack.builder()
                        .dataDir(dir)
                        .host("broker.lan")
                        .build()
                        .options()
                        .host())
                .isEqualTo("broker.lan");
        assertThatThrownBy(() ->
                        EmbeddedStack.builder().dataDir(dir).host("0.0.0.0").build())
                .hasMessageContaining("not the wildcard");
        assertThatThrownBy(
                        () -> EmbeddedStack.builder().dataDir(dir).host("::1").build())
                .hasMessageContaining("host must be an IPv4 address or a host name");
        assertThatThrownBy(() -> EmbeddedStack.builder().dataDir(dir).host(" ").build())
                .hasMessageContaining("host must be");
    }
}
