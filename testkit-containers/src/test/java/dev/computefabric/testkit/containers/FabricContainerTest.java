package dev.computefabric.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FabricContainerTest {

    @Test
    void theImagesAreNamedAsTheBuildScriptTagsThemAndTheBrokerStandsInForApacheKafka() {
        FabricImages images = FabricImages.defaults();

        assertThat(images.name(FabricImages.GATEWAY)).isEqualTo("localhost/fabric/gateway:0.1.0-SNAPSHOT");
        assertThat(images.kafka().isCompatibleWith(org.testcontainers.utility.DockerImageName.parse("apache/kafka")))
                .isTrue();
        assertThatThrownBy(() -> new FabricImages(" ", "1")).hasMessageContaining("prefix");
    }

    @Test
    void theGatewayListsAsManyLiveNodesAsTheFunctionHasExecutorIds() {
        String json = """
                {"name": "echo", "nodes": [{"executorId": "executor-0", "slots": 2},
                                           {"executorId": "executor-1", "slots": 2}]}""";

        assertThat(FabricContainer.liveNodes(json)).isEqualTo(2);
        assertThat(FabricContainer.liveNodes("{\"name\": \"echo\", \"nodes\": []}"))
                .isZero();
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheSetting() {
        FabricContainer fabric = new FabricContainer();

        assertThatThrownBy(() -> fabric.withExecutors(0)).hasMessageContaining("executors");
        assertThatThrownBy(() -> fabric.withSlots(0)).hasMessageContaining("slots");
        assertThatThrownBy(() -> fabric.withFunctions(Path.of("no-such.jar")))
                .hasMessageContaining("no-such.jar")
                .hasMessageContaining("does not exist");
    }
}
