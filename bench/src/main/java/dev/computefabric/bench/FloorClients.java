package dev.computefabric.bench;

import dev.computefabric.executor.kafka.KafkaProps;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.router.RouterOptions;
import dev.computefabric.router.RouterStreamsConfig;
import dev.computefabric.sdk.SubmitterClientConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Client properties of the floor: hop by hop those of the fabric client that plays that part, read from that
 * client's own configuration, so the floor differs from the fabric only by the fabric's code.
 *
 * <pre>
 * hop 1  caller's producer  → worker's consumer    (gateway or KafkaSubmitter → executor)
 * hop 2  worker's producer  → relay's consumer     (executor → router)
 * hop 3  relay's producer   → caller's consumer    (router → gateway or KafkaSubmitter)
 * </pre>
 *
 * Producers and the caller's reply consumer are exactly the components' own. The worker's and the relay's
 * consumers are plain consumers with the component's fetch wait: the executor's share lanes and the router's
 * Kafka Streams consumer are the fabric's choices, and their cost counts as the fabric's.
 */
final class FloorClients {

    /** The fabric client the floor's caller stands in for. */
    enum Caller {
        GATEWAY,
        KAFKA_SUBMITTER
    }

    /** Prefix of every floor client's id. */
    static final String FLOOR_ID = "bench-floor";
    /** RouterOptions wants a registry; the router's client settings do not depend on it, and the floor sends no schemas. */
    private static final String NO_REGISTRY = "http://registry.invalid";

    private final String bootstrap;
    private final Caller caller;
    private final String id;
    private final StreamsConfig router;

    /** The clients of one floor run; their ids are unique to it. */
    FloorClients(String bootstrap, Caller caller) {
        this.bootstrap = bootstrap;
        this.caller = caller;
        this.id = FLOOR_ID + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.router = new StreamsConfig(RouterStreamsConfig.properties(RouterOptions.defaults(bootstrap, NO_REGISTRY)));
    }

    /** Hop 1: the gateway's call producer ({@link KafkaClientConfig#producer()}) or the Java SDK's. */
    Map<String, Object> callerProducer() {
        return map(
                caller == Caller.GATEWAY
                        ? new KafkaClientConfig(bootstrap, id).producer()
                        : SubmitterClientConfig.producer(bootstrap));
    }

    /** Hop 1: the executor's share lanes on the fabric's broker wait {@link KafkaProps#SHARE_FETCH_MAX_WAIT_EVERY_PARTITION_MS}. */
    Map<String, Object> workerConsumer() {
        return plainConsumer("worker", KafkaProps.SHARE_FETCH_MAX_WAIT_EVERY_PARTITION_MS);
    }

    /** Hop 2: the executor's producer ({@link KafkaProps#producer(String, String)}). */
    Map<String, Object> workerProducer() {
        return map(KafkaProps.producer(bootstrap, id));
    }

    /** Hop 2: the router's consumer waits as long as its Streams configuration tells its main consumer. */
    Map<String, Object> relayConsumer() {
        Map<String, Object> streamsConsumer = router.getMainConsumerConfigs(id, id + "-relay", 0);
        return plainConsumer("relay", streamsConsumer.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
    }

    /** Hop 3: the router's producer, as Kafka Streams builds it from {@link RouterStreamsConfig}. */
    Map<String, Object> relayProducer() {
        return router.getProducerConfigs(id + "-relay");
    }

    /** Hop 3: the gateway's reply consumer ({@link KafkaClientConfig#replyConsumer()}) or the Java SDK's. */
    Map<String, Object> replyConsumer() {
        return map(
                caller == Caller.GATEWAY
                        ? new KafkaClientConfig(bootstrap, id).replyConsumer()
                        : SubmitterClientConfig.replyConsumer(bootstrap));
    }

    /** The bench's admin client: creates and deletes the floor's topics, switches traced topics to LogAppendTime. */
    static Map<String, Object> admin(String bootstrap) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "bench-admin-" + UUID.randomUUID());
    }

    /** A consumer without a group, assigned its partitions and positioned by the floor. */
    private Map<String, Object> plainConsumer(String role, Object fetchMaxWaitMs) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                id + "-" + role,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                fetchMaxWaitMs,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
    }

    private static Map<String, Object> map(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((key, value) -> map.put((String) key, value));
        return map;
    }
}
