package dev.computefabric.bench;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client properties of the floor: hop by hop the settings of the fabric client that plays that part, so
 * the floor differs from the fabric only by the fabric's code. Every producer is {@code acks=all} and
 * idempotent, like all of the fabric's.
 *
 * <pre>
 * hop 1  caller's producer  → worker's consumer    (gateway or KafkaSubmitter → executor)
 * hop 2  worker's producer  → relay's consumer     (executor → router)
 * hop 3  relay's producer   → caller's consumer    (router → gateway or KafkaSubmitter)
 * </pre>
 *
 * The values mirror constants in other modules, which the launcher does not depend on: keep them in step.
 */
final class FloorClients {

    /** Executor ({@code KafkaProps.LINGER_MS}) and router ({@code RouterStreamsConfig.PRODUCER_LINGER_MS}). */
    static final int FABRIC_LINGER_MS = 1;
    /** The worker's consumer: the executor's share lanes ({@code KafkaProps.SHARE_FETCH_MAX_WAIT_MS}). */
    static final int WORKER_FETCH_MAX_WAIT_MS = 5;
    /** The relay's consumer: the router's ({@code RouterStreamsConfig.CONSUMER_FETCH_MAX_WAIT_MS}). */
    static final int RELAY_FETCH_MAX_WAIT_MS = 5;

    /** The calling client's settings: its producer's linger and its reply consumer's fetch wait. */
    record Caller(int lingerMs, int replyFetchMaxWaitMs) {

        /** The gateway: {@code KafkaClientConfig.PRODUCER_LINGER_MS} and {@code REPLY_FETCH_MAX_WAIT_MS}. */
        static final Caller GATEWAY = new Caller(1, 500);
        /** The Java SDK's {@code KafkaSubmitter}: {@code linger.ms=0}, {@code fetch.max.wait.ms=10}. */
        static final Caller KAFKA_SUBMITTER = new Caller(0, 10);
    }

    private FloorClients() {
    }

    static Map<String, Object> producer(String bootstrap, int lingerMs) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    }

    static Map<String, Object> consumer(String bootstrap, int fetchMaxWaitMs) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-floor-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
