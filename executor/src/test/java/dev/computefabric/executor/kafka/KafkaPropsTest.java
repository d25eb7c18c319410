package dev.computefabric.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.ExecutorOptions;
import dev.computefabric.schemas.Capset;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaPropsTest {

    private final ExecutorOptions options = new ExecutorOptions(
            "b:9092",
            "http://r",
            null,
            Capset.of(),
            3,
            "node-1",
            "fabric-executors",
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            0);

    @Test
    void theCallsConsumerCommitsByHandFetchesRawBytesAndTakesAtMostOnePollPerSlot() {
        Properties consumer = KafkaProps.callsConsumer(options);

        assertThat(consumer)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "fabric-executors")
                .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "3")
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5")
                .containsEntry(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "3000")
                .containsEntry(
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        "org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "node-1-calls");
    }

    @Test
    void theProducerWaitsForAllReplicasIsIdempotentAndBarelyLingers() {
        Properties producer = KafkaProps.producer(options);

        assertThat(producer)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "1")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092");
    }

    @Test
    void idleShareLanesAndTheControlConsumerAskTheBrokerRarely() {
        // The broker completes a waiting fetch as soon as a record arrives: the wait only spaces out empty fetches.
        assertThat(KafkaProps.shareConsumer(options, 1, "fabric.calls.any", false))
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        // Reading every partition, a lane's fetch waits only when no partition has a call to take.
        assertThat(KafkaProps.shareConsumer(options, 1, "fabric.calls.any", true))
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        assertThat(KafkaProps.controlConsumer(options)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    }

    @Test
    void eachOfALanesConsumersHasAClientIdNamingItsTopic() {
        assertThat(KafkaProps.shareConsumer(options, 3, "fabric.calls.any", true))
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "node-1-calls-3");
        assertThat(KafkaProps.shareConsumer(options, 3, "fabric.calls.gpu.python", true))
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "node-1-calls-3-gpu.python");
        assertThat(KafkaProps.shareConsumer(options, 3, "fabric.calls.any.-high", true))
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "node-1-calls-3-any.-high");
    }
}
