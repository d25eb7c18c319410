package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private final Map<String, NewTopic> topics = new TopicProvisioner().fabricTopics().stream()
            .collect(Collectors.toMap(NewTopic::name, topic -> topic));

    @Test
    void plansEveryFabricTopic() {
        assertThat(topics).containsOnlyKeys("fabric.calls.any", Topics.EVENTS, Topics.RESULTS, Topics.STATUS, Topics.EXECUTORS,
                Topics.CONTROL, Topics.DLQ, Topics.CACHE_REQUESTS, Topics.CACHE_ACCEPTED, Topics.CACHE_COMPLETIONS);
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
    void statusAndExecutorsAreCompactedAndTheRestKeepKafkasDefault() {
        assertThat(topics.get(Topics.STATUS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.EXECUTORS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get(Topics.RESULTS).configs()).isEmpty();
    }

    @Test
    void optionsNameTheFieldThatIsWrong() {
        assertThatThrownBy(() -> new TopicProvisioner.Options(0, (short) 1, Duration.ofSeconds(1))).hasMessageContaining("partitions");
        assertThatThrownBy(() -> new TopicProvisioner.Options(1, (short) 0, Duration.ofSeconds(1))).hasMessageContaining("replicationFactor");
        assertThatThrownBy(() -> new TopicProvisioner.Options(1, (short) 1, Duration.ZERO)).hasMessageContaining("timeout");
    }
}
