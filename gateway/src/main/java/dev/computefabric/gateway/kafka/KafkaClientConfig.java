package dev.computefabric.gateway.kafka;

import dev.computefabric.schemas.FabricCredentials;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings of every role the gateway plays, and the only place they are set. Serializers
 * are passed to the client constructors as instances (they need the registry), so none are named here.
 */
public final class KafkaClientConfig {

    /** Batch for at most 1 ms: a gateway's calls are latency-bound, and 1 ms still batches bursts. */
    public static final int PRODUCER_LINGER_MS = 1;
    /** How long {@code send} may block for metadata when Kafka is down, before the client gets a 503. */
    public static final int PRODUCER_MAX_BLOCK_MS = 10_000;

    public static final int PRODUCER_REQUEST_TIMEOUT_MS = 10_000;
    /** Upper bound from {@code send} to the acknowledgement, retries included; must exceed linger + request timeout. */
    public static final int PRODUCER_DELIVERY_TIMEOUT_MS = 20_000;
    /**
     * How long the broker holds a reply or status fetch that finds no data. A record appended meanwhile
     * completes the fetch at once, so this is not reply latency (measured: none lost against 5 ms); it only
     * decides how often an idle gateway asks. Kafka's default.
     */
    public static final int REPLY_FETCH_MAX_WAIT_MS = 500;
    /**
     * What the lazy status consumer asks the broker to gather before it answers (or {@link #REPLY_FETCH_MAX_WAIT_MS}
     * passed): about a hundred statuses. On a quiet fabric, one fetch a half second instead of one per status.
     */
    public static final int LAZY_STATUS_FETCH_MIN_BYTES = 16 * 1024;

    public static final int ADMIN_API_TIMEOUT_MS = 15_000;
    public static final int ADMIN_REQUEST_TIMEOUT_MS = 10_000;

    private final String bootstrap;
    private final String clientIdPrefix;

    public KafkaClientConfig(String bootstrap, String gatewayId) {
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.clientIdPrefix = "gateway-" + Objects.requireNonNull(gatewayId, "gatewayId");
    }

    /** Producer of calls: an acknowledged call is never lost or written twice by a retry. */
    public Properties producer() {
        Properties p = common("producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, PRODUCER_MAX_BLOCK_MS);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, PRODUCER_REQUEST_TIMEOUT_MS);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, PRODUCER_DELIVERY_TIMEOUT_MS);
        return p;
    }

    /**
     * Consumer of this gateway's reply topic. No group: it is assigned every partition and starts at the end,
     * because replies matter only to the running gateway. {@code read_committed} hides results of aborted
     * router transactions (exactly-once router); with an at-least-once router it costs nothing.
     */
    public Properties replyConsumer() {
        Properties p = grouplessReader("replies", "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, REPLY_FETCH_MAX_WAIT_MS);
        return p;
    }

    /**
     * Consumer of {@code fabric.status}: no group, every partition from the beginning, so each gateway holds a
     * view of every call. {@code read_committed} for the same reason as {@link #replyConsumer()}.
     */
    public Properties statusConsumer() {
        Properties p = grouplessReader("status", "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, REPLY_FETCH_MAX_WAIT_MS);
        return p;
    }

    /**
     * The second consumer of {@code fabric.status}, read while nobody here needs statuses at once: the broker answers
     * its fetch when it holds {@link #LAZY_STATUS_FETCH_MIN_BYTES} for it, or after {@link #REPLY_FETCH_MAX_WAIT_MS}.
     */
    public Properties lazyStatusConsumer() {
        Properties p = grouplessReader("status-lazy", "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, REPLY_FETCH_MAX_WAIT_MS);
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, LAZY_STATUS_FETCH_MIN_BYTES);
        return p;
    }

    /** Consumer of {@code fabric.pipelines.status}: like {@link #statusConsumer()}, for pipelines. */
    public Properties pipelineStatusConsumer() {
        Properties p = grouplessReader("pipelines-status", "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, REPLY_FETCH_MAX_WAIT_MS);
        return p;
    }

    /** Consumer of {@code fabric.executors} (the console's nodes): no group, from the beginning of the compacted topic. */
    public Properties executorsConsumer() {
        return grouplessReader("executors", "earliest");
    }

    /**
     * Consumer of {@code fabric.events} for the log lines of running calls: no group, from the end (lines are live;
     * the topic is not compacted and replaying it would cost a start-up scan for nothing).
     */
    public Properties eventsConsumer() {
        return grouplessReader("events", "latest");
    }

    /**
     * Consumers of {@code fabric.functions} and {@code fabric.executors} ({@code role} tells them apart): no group,
     * every partition from the beginning, so each gateway holds the whole function catalog and every node's presence.
     */
    public Properties catalogConsumer(String role) {
        Properties p = grouplessReader(role, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, REPLY_FETCH_MAX_WAIT_MS);
        return p;
    }

    /**
     * Consumer of the table retention sweep: no group, a new one per sweep, reading {@code fabric.status} and the
     * topics that carry calls once each. {@code read_committed} for the same reason as {@link #replyConsumer()}.
     */
    public Properties tableReferencesConsumer() {
        Properties p = grouplessReader("table-references", "earliest");
        return p;
    }

    /** A consumer without a group (it assigns partitions itself, commits nothing), reading committed records only. */
    private Properties grouplessReader(String clientSuffix, String offsetReset) {
        Properties p = common(clientSuffix);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    /** Admin client for creating the reply topic and capability topics. */
    public Properties admin() {
        Properties p = common("admin");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_API_TIMEOUT_MS);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS);
        return p;
    }

    private Properties common(String role) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "-" + role);
        p.putAll(FabricCredentials.kafkaPropertiesFromEnvironment());
        return p;
    }
}
