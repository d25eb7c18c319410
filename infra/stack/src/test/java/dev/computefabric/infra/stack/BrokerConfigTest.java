package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @TempDir
    Path dir;

    @Test
    void isASingleNodeKraftBrokerWithSingleReplicaInternalTopics() {
        Properties p = new BrokerConfig(dir, 9092, 9093, BrokerProfile.STANDARD).properties();

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:9093");
        assertThat(p)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("group.share.assignors", "dev.computefabric.infra.broker.EveryPartitionAssignor")
                .containsEntry("auto.create.topics.enable", "false")
                .doesNotContainKey("group.share.session.timeout.ms");
    }

    @Test
    void aNodeOfThreeIsOneVoterOfAStaticQuorumAndEveryTopicKeepsThreeReplicasAndTakesWritesWithTwo() {
        Properties p = new BrokerConfig(dir, 9094, 9095, BrokerProfile.DEV, 2, List.of(9093, 9095, 9097)).properties();

        assertThat(p)
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.min.isr", "2")
                .doesNotContainKey("controller.quorum.bootstrap.servers");
    }

    @Test
    void aNodeOnAnotherAddressListensAndAdvertisesThereWhileItsControllerStaysOnLoopback() {
        BrokerConfig config = new BrokerConfig(dir, "10.231.0.1", 9092, 9093, BrokerProfile.DEV, 1, List.of(9093));

        assertThat(config.bootstrap()).isEqualTo("10.231.0.1:9092");
        assertThat(config.properties())
                .containsEntry("listeners", "PLAINTEXT://10.231.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:9093")
                .doesNotContainKey("advertised.listeners");
    }

    @Test
    void aNodeMustBeOneOfTheVotersItNames() {
        assertThatThrownBy(() -> new BrokerConfig(dir, 9094, 9095, BrokerProfile.DEV, 2, List.of(9093, 9099, 9097)))
                .hasMessageContaining("controllerPorts[nodeId - 1]");
    }

    @Test
    void theDevProfileShortensShareGroupSessions() {
        Properties p = new BrokerConfig(dir, 9092, 9093, BrokerProfile.DEV).properties();

        assertThat(p)
                .containsEntry("group.share.min.session.timeout.ms", "3000")
                .containsEntry("group.share.session.timeout.ms", "6000");
    }

    @Test
    void writesAFileKafkaCanLoad() throws IOException {
        Path file = dir.resolve("conf/server.properties");
        new BrokerConfig(dir.resolve("data"), 9092, 9093, BrokerProfile.DEV).write(file);

        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        }
        assertThat(loaded.getProperty("log.dirs"))
                .isEqualTo(dir.resolve("data").toAbsolutePath().toString());
    }

    @Test
    void reusesTheClusterIdOfAFormattedLogDirectory() throws IOException {
        BrokerConfig config = new BrokerConfig(dir, 9092, 9093, BrokerProfile.DEV);
        assertThat(config.clusterId()).isNotEqualTo(config.clusterId());

        Files.writeString(dir.resolve("meta.properties"), "version=1\ncluster.id=abcdefghijklmnopqrstuv\nnode.id=1\n");

        assertThat(config.clusterId()).isEqualTo("abcdefghijklmnopqrstuv");
    }

    @Test
    void rejectsClashingPorts() {
        assertThatThrownBy(() -> new BrokerConfig(dir, 9092, 9092, BrokerProfile.DEV))
                .hasMessageContaining("distinct");
    }
}
