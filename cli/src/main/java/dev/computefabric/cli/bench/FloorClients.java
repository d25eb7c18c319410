package dev.computefabric.cli.bench;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client properties of the floor: the settings the fabric's own clients use (gateway, executor, router:
 * {@code acks=all}, idempotent, {@code linger.ms=1}, {@code fetch.max.wait.ms=5}), so the floor differs
 * from the fabric only by the fabric's code.
 */
final class FloorClients {

    static final int LINGER_MS = 1;
    static final int FETCH_MAX_WAIT_MS = 5;

    private FloorClients() {
    }

    static Map<String, Object> producer(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    }

    static Map<String, Object> consumer(String bootstrap) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-floor-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
