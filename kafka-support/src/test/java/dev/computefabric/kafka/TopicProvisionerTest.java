package dev.computefabric.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private final Map<String, NewTopic> topics =
            new TopicProvisioner().fabricTopics().stream().collect(Collectors.toMap(NewTopic::name, topic -> topic));

    @Test
    void plansEveryFabricTopic() {
        assertThat(topics)
                .containsOnlyKeys(
                        "fabric.calls.any",
                        Topics.EVENTS,
                        Topics.RESULTS,
                        Topics.STATUS,
                        Topics.EXECUTORS,
                        Topics.FUNCTIONS,
                        Topics.TOKENS,
                        Topics.CONTROL,
                        Topics.DLQ,
                        Topics.CACHE_REQUESTS,
                        Topics.CACHE_ACCEPTED,
                        Topics.CACHE_COMPLETIONS,
                        Topics.PIPELINES,
                        Topics.PIPELINES_CONTROL,
                        Topics.PIPELINES_STEPS,
                        Topics.PIPELINES_STATUS);
    }

    @Test
    void everyTopicKeyedByCallIdIsCoPartitionedWithTheResults() {
        assertThat(topics.get("fabric.calls.any").numPartitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(topics.get(Topics.CONTROL).numPartitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(topics.get(Topics.CACHE_ACCEPTED).numPartitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(topics.get(Topics.EVENTS).numPartitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(topics.get(Topics.RESULTS).numPartitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
    }

    @Test
    void statusesAreCompactedAndGoAfterAWeekFactsAreCompactedAndTheRestKeepKafkasDefault() {
        // A status whose tombstone was lost with a killed router goes after a week instead of staying for good.
        for (String statuses : List.of(Topics.STATUS, Topics.PIPELINES_STATUS)) {
            assertThat(topics.get(statuses).configs())
                    .as(statuses)
                    .containsEntry("cleanup.policy", "compact,delete")
                    .containsEntry(
                            "retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        }
        assertThat(topics.get(Topics.EXECUTORS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.FUNCTIONS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.TOKENS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.RESULTS).configs()).isEmpty();
    }

    @Test
    void optionsNameTheFieldThatIsWrong() {
        assertThatThrownBy(() -> new TopicProvisioner.Options(0, (short) 1, Duration.ofSeconds(1)))
                .hasMessageContaining("partitions");
        assertThatThrownBy(() -> new TopicProvisioner.Options(1, (short) 0, Duration.ofSeconds(1)))
                .hasMessageContaining("replicationFactor");
        assertThatThrownBy(() -> new TopicProvisioner.Options(1, (short) 1, Duration.ZERO))
                .hasMessageContaining("timeout");
    }

    @Test
    void aCapabilityTopicIsCreatedLikeTheResults() {
        NewTopic gpu = TopicProvisioner.likeResults("fabric.calls.gpu", described(Topics.RESULTS, 4, 3));

        assertThat(gpu.name()).isEqualTo("fabric.calls.gpu");
        assertThat(gpu.numPartitions()).isEqualTo(4);
        assertThat(gpu.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void aReplyTopicHasOnePartitionKeptAnHourAndTheClustersReplication() {
        NewTopic reply = TopicProvisioner.replyTopic("fabric.replies.gw-1");

        assertThat(reply.numPartitions()).isEqualTo(1);
        assertThat(reply.configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofHours(1).toMillis()));
        // -1: the broker's default.replication.factor, as for any topic created without one.
        assertThat(reply.replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void aTopicJoinedWithTheResultsMustHaveTheirPartitionCount() {
        TopicProvisioner.requireCopartitioned("fabric.calls.gpu", 6, 6);

        assertThatThrownBy(() -> TopicProvisioner.requireCopartitioned("fabric.calls.gpu", 3, 6))
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("fabric.calls.gpu has 3 partitions but fabric.results has 6")
                .hasMessageContaining("recreate fabric.calls.gpu with 6 partitions");
    }

    @Test
    void everyTopicTheRouterJoinsByCallIdIsChecked() {
        assertThat(TopicProvisioner.JOINED_WITH_RESULTS)
                .containsExactlyInAnyOrder("fabric.calls.any", Topics.EVENTS, Topics.CONTROL, Topics.CACHE_ACCEPTED);
    }

    @Test
    void aProvisioningStepsAdminClientSaysWhatItIs() {
        assertThat(TopicProvisioner.adminConfig("127.0.0.1:9092"))
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("client.id", "fabric-topic-provisioner");
    }

    static TopicDescription described(String topic, int partitions, int replicas) {
        List<Node> nodes = IntStream.range(0, replicas)
                .mapToObj(id -> new Node(id, "broker-" + id, 9092))
                .toList();
        return new TopicDescription(
                topic,
                false,
                IntStream.range(0, partitions)
                        .mapToObj(p -> new TopicPartitionInfo(p, nodes.get(0), nodes, nodes))
                        .toList());
    }
}
