package dev.computefabric.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private final KafkaClientConfig config = new KafkaClientConfig("127.0.0.1:9092", "gw-1");

    @Test
    void theProducerNeverLosesOrDuplicatesAnAcknowledgedCall() {
        Properties producer = config.producer();

        assertThat(producer)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "gateway-gw-1-producer");
        assertThat((int) producer.get(ProducerConfig.LINGER_MS_CONFIG)).isBetween(0, 1);
        assertThat((int) producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
                .isGreaterThanOrEqualTo((int) producer.get(ProducerConfig.LINGER_MS_CONFIG)
                        + (int) producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
    }

    @Test
    void theReplyConsumerHasNoGroupAndReadsOnlyCommittedReplies() {
        Properties replies = config.replyConsumer();

        assertThat(replies)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A waiting fetch completes as soon as a reply is appended: the wait only bounds empty fetches.
        assertThat((int) replies.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))
                .isEqualTo(KafkaClientConfig.REPLY_FETCH_MAX_WAIT_MS);
    }
}
