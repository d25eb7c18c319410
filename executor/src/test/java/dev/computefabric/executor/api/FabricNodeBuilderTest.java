package dev.computefabric.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.executor.ExecutorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FabricNodeBuilderTest {

    @Test
    void aNodeWithoutKafkaOrRegistryIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> FabricNode.builder().registry("http://r").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap");
        assertThatThrownBy(() -> FabricNode.builder().bootstrap("b:9092").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry");
    }

    @Test
    void settingsBecomeTheNodesOptionsAndEverythingElseKeepsItsDefault() {
        ExecutorOptions options = FabricNode.builder()
                .bootstrap("b:9092")
                .registry("http://r")
                .s3("http://s3:9000")
                .capabilities("gpu")
                .slots(8)
                .id("app-node-1")
                .drainTimeout(Duration.ofSeconds(5))
                .options(List.of("python"));

        assertThat(options.capabilities().asSet()).containsExactly("gpu", "python");
        assertThat(options.slots()).isEqualTo(8);
        assertThat(options.executorId()).isEqualTo("app-node-1");
        assertThat(options.tableStorage())
                .hasValueSatisfying(s3 -> assertThat(s3.endpoint()).hasToString("http://s3:9000"));
        assertThat(options.group()).isEqualTo(FabricNodeBuilder.DEFAULT_GROUP);
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSlotCountOutOfRangeIsRefusedBeforeAnythingConnects() {
        assertThatThrownBy(() -> FabricNode.builder()
                        .bootstrap("b:9092")
                        .registry("http://r")
                        .slots(0)
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slots");
    }
}
