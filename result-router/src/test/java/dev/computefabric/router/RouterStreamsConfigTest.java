package dev.computefabric.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.router.timers.TimerOptions;
import dev.computefabric.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RouterStreamsConfigTest {

    private final Properties props =
            RouterStreamsConfig.properties(RouterOptions.defaults("127.0.0.1:9092", "http://127.0.0.1:8081"));
    private final StreamsConfig config = new StreamsConfig(props);

    @Test
    void theProducerNeitherLingersNorBlocksLongOnAMissingReplyTopic() {
        assertThat(config.getProducerConfigs("client").get("linger.ms")).isEqualTo(1);
        assertThat(config.getProducerConfigs("client").get("max.block.ms")).isEqualTo(5_000);
    }

    @Test
    void theConsumerWaitsForDataAtTheBrokerAndNoticesNewCapabilityTopicsWithinSeconds() {
        var consumer = config.getMainConsumerConfigs("group", "client", 0);
        // fetch.min.bytes stays 1: a waiting fetch is answered as soon as anything is appended.
        assertThat(consumer.get("fetch.max.wait.ms")).isEqualTo(500);
        assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(100L);
        assertThat(consumer.get("metadata.max.age.ms")).isEqualTo(3_000);
        assertThat(consumer.get("auto.offset.reset")).isEqualTo("earliest");
    }

    @Test
    void aCrashedRoutersPartitionsMoveAfterTenSecondsNotKafkasFortyFive() {
        var consumer = config.getMainConsumerConfigs("group", "client", 0);
        assertThat(consumer.get("session.timeout.ms")).isEqualTo(10_000);
        assertThat(consumer.get("heartbeat.interval.ms")).isEqualTo(3_333);
    }

    @Test
    void storeWritesAreCoalescedBetweenCommitsAndACrashReplaysASecondAtMost() {
        assertThat(config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
                .isEqualTo(RouterStreamsConfig.STORE_CACHE_BYTES);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1_000L);
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("fabric-router");
    }

    @Test
    void badRecordsGoToTheFabricsDeadLetterTopic() {
        assertThat(config.getString(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo(Topics.DLQ);
    }

    @Test
    void optionsNameTheFieldTheyRefuse() {
        assertThatThrownBy(() -> RouterOptions.defaults(null, "http://r")).hasMessageContaining("bootstrap");
        assertThatThrownBy(() -> RouterOptions.defaults("b:9092", " ")).hasMessageContaining("registryUrl");
        assertThatThrownBy(() -> options(Duration.ZERO, StreamsConfig.AT_LEAST_ONCE, Duration.ofSeconds(10)))
                .hasMessageContaining("commitInterval");
        assertThatThrownBy(() -> options(Duration.ofMillis(100), "exactly_once", Duration.ofSeconds(10)))
                .hasMessageContaining("processingGuarantee");
        assertThatThrownBy(() -> options(Duration.ofMillis(100), StreamsConfig.AT_LEAST_ONCE, Duration.ZERO))
                .hasMessageContaining("sessionTimeout");
    }

    private static RouterOptions options(Duration commitInterval, String guarantee, Duration sessionTimeout) {
        return new RouterOptions(
                "b:9092",
                "http://r",
                "id",
                Path.of("s"),
                commitInterval,
                guarantee,
                1,
                Duration.ofSeconds(1),
                sessionTimeout,
                TimerOptions.DEFAULTS);
    }
}
