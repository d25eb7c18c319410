package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.kafka.KafkaProps;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.sdk.SubmitterClientConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class FloorClientsTest {

    private static final String BOOTSTRAP = "127.0.0.1:9092";

    private final FloorClients gateway = new FloorClients(BOOTSTRAP, FloorClients.Caller.GATEWAY);
    private final FloorClients submitter = new FloorClients(BOOTSTRAP, FloorClients.Caller.KAFKA_SUBMITTER);

    @Test
    void theCallerProducesAndReadsRepliesLikeTheGateway() {
        KafkaClientConfig real = new KafkaClientConfig(BOOTSTRAP, "gw-1");

        assertThat(withoutClientId(gateway.callerProducer())).isEqualTo(withoutClientId(Map.copyOf(real.producer())));
        assertThat(withoutClientId(gateway.replyConsumer()))
                .isEqualTo(withoutClientId(Map.copyOf(real.replyConsumer())));
    }

    @Test
    void onTheKafkaPathTheCallerProducesAndReadsRepliesLikeTheJavaSdk() {
        assertThat(submitter.callerProducer()).isEqualTo(Map.copyOf(SubmitterClientConfig.producer(BOOTSTRAP)));
        assertThat(submitter.replyConsumer()).isEqualTo(Map.copyOf(SubmitterClientConfig.replyConsumer(BOOTSTRAP)));
    }

    @Test
    void theWorkerWaitsForCallsLikeAnExecutorsShareLaneAndProducesLikeTheExecutor() {
        assertThat(gateway.workerConsumer())
                .containsEntry(
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, KafkaProps.SHARE_FETCH_MAX_WAIT_EVERY_PARTITION_MS);
        assertThat(withoutClientId(gateway.workerProducer()))
                .isEqualTo(withoutClientId(Map.copyOf(KafkaProps.producer(BOOTSTRAP, "node-1"))));
    }

    @Test
    void theRelayUsesTheRoutersLowLingerAndFetchWait() {
        // Streams would otherwise linger 100 ms per produce (FINDINGS pitfall 1): the router's own config overrides it.
        assertThat(gateway.relayProducer()).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 1);
        assertThat(gateway.relayConsumer()).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    }

    @Test
    void everyFloorClientIsNamedAfterTheFloor() {
        assertThat(gateway.workerConsumer().get(ConsumerConfig.CLIENT_ID_CONFIG))
                .asString()
                .startsWith(FloorClients.FLOOR_ID);
        assertThat(gateway.relayProducer().get(ProducerConfig.CLIENT_ID_CONFIG))
                .asString()
                .startsWith(FloorClients.FLOOR_ID);
        assertThat(gateway.callerProducer().get(ProducerConfig.CLIENT_ID_CONFIG))
                .asString()
                .contains(FloorClients.FLOOR_ID);
    }

    private static Map<String, Object> withoutClientId(Map<?, ?> config) {
        Map<String, Object> rest = new HashMap<>();
        config.forEach((key, value) -> rest.put((String) key, value));
        rest.remove(ProducerConfig.CLIENT_ID_CONFIG);
        return rest;
    }
}
