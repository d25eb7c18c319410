package dev.computefabric.sdk;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings of a {@link KafkaSubmitter}, one method per role and the only place they are set.
 * Public so that the benchmark's floor uses the very same settings. Serializers are passed to the client
 * constructors as instances (they need the registry), so none are named here.
 */
public final class SubmitterClientConfig {

    /** No batching window: a submitter sends calls one by one on behalf of its caller. */
    public static final int PRODUCER_LINGER_MS = 0;
    /** How long the broker holds a reply fetch that finds no data; a reply appended meanwhile ends it at once. */
    public static final int REPLY_FETCH_MAX_WAIT_MS = 10;

    private SubmitterClientConfig() {}

    /** Producer of calls: an acknowledged call is never lost or written twice by a retry. */
    public static Properties producer(String bootstrap) {
        return producer(bootstrap, Map.of());
    }

    /** The same, with {@code extra} settings (a login, TLS); the submitter's own settings win. */
    public static Properties producer(String bootstrap, Map<String, String> extra) {
        Properties props = common(bootstrap, extra);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        return props;
    }

    /** Consumer of the submitter's own reply topic: no group, it assigns the partition itself and commits nothing. */
    public static Properties replyConsumer(String bootstrap) {
        return replyConsumer(bootstrap, Map.of());
    }

    /** The same, with {@code extra} settings (a login, TLS); the submitter's own settings win. */
    public static Properties replyConsumer(String bootstrap, Map<String, String> extra) {
        Properties props = common(bootstrap, extra);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, REPLY_FETCH_MAX_WAIT_MS);
        return props;
    }

    /** Admin client that creates the reply topic and capability topics. */
    public static Properties admin(String bootstrap) {
        return admin(bootstrap, Map.of());
    }

    /** The same, with {@code extra} settings (a login, TLS). */
    public static Properties admin(String bootstrap, Map<String, String> extra) {
        return common(bootstrap, extra);
    }

    private static Properties common(String bootstrap, Map<String, String> extra) {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }
}
