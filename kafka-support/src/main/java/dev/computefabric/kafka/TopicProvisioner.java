package dev.computefabric.kafka;

import dev.computefabric.avro.Priority;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the fabric's topics if they are missing, and returns once every partition serves: the fabric
 * topics on a fresh cluster, a capability topic on first use, a reply topic. Every creator of fabric
 * topics (stack, provisioning step, gateway, SDK) comes here. The broker runs with
 * {@code auto.create.topics.enable=false}.
 *
 * <p>Calls, events, control commands and results are keyed by callId and must have the same partition
 * count: the router joins them by key, which Kafka Streams can only do on co-partitioned topics. A
 * capability topic created later is therefore created like {@link Topics#RESULTS} (same partitions and
 * replication factor), and a topic found with another partition count is refused.
 */
public final class TopicProvisioner {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** One consumer reads all of a reply topic; more partitions would not make it faster. */
    public static final int REPLY_TOPIC_PARTITIONS = 1;
    /** Replies matter only to the running gateway or submitter, which starts reading at the end of its topic. */
    public static final Duration REPLY_RETENTION = Duration.ofHours(1);
    /**
     * How long a record of {@link Topics#STATUS} or {@link Topics#PIPELINES_STATUS} is kept at most, besides
     * compaction. The router tombstones an ended call's status after its retention (24 h by default); a router killed
     * between deleting the call from its store and sending the tombstone leaves that status behind, and on a topic
     * that is only compacted it would stay for good. Seven days is beyond a call's default longest life plus the
     * router's retention (48 h), so no status the router still keeps goes with it.
     */
    public static final Duration STATUS_RETENTION = Duration.ofDays(7);
    /** Keyed by callId and joined with {@link Topics#RESULTS} by the router. */
    static final List<String> JOINED_WITH_RESULTS =
            List.of(Topics.calls(Capset.of()), Topics.EVENTS, Topics.CONTROL, Topics.CACHE_ACCEPTED);

    static final String ADMIN_CLIENT_ID = "fabric-topic-provisioner";

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Options options;

    /**
     * @param partitions        partitions of every fabric topic
     * @param replicationFactor replicas of each partition of the fabric topics; 1 on the embedded single broker
     * @param timeout           how long one provisioning call may take, including waiting for partitions to serve
     */
    public record Options(int partitions, short replicationFactor, Duration timeout) {

        public Options {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
            }
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("replicationFactor must be >= 1, got " + replicationFactor);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_PARTITIONS, DEFAULT_REPLICATION_FACTOR, DEFAULT_TIMEOUT);
        }

        public Options withTimeout(Duration timeout) {
            return new Options(partitions, replicationFactor, timeout);
        }
    }

    public TopicProvisioner() {
        this(Options.defaults());
    }

    public TopicProvisioner(Options options) {
        this.options = options;
    }

    /**
     * The admin client of a provisioning step (the stack's, {@code provision-topics}): it exists only to create topics.
     * It logs in with this process's credentials, if its environment has them ({@link FabricCredentials}).
     */
    public static Map<String, Object> adminConfig(String bootstrap) {
        return adminConfig(bootstrap, FabricCredentials.fromEnvironment());
    }

    /** The same, logged in as {@code credentials} on a secure fabric. */
    public static Map<String, Object> adminConfig(String bootstrap, Optional<FabricCredentials> credentials) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, ADMIN_CLIENT_ID);
        credentials.ifPresent(c -> config.putAll(c.kafkaProperties()));
        return config;
    }

    /** The topics {@link #ensureFabricTopics} creates: what a fresh cluster needs before any component starts. */
    public List<NewTopic> fabricTopics() {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, String> statuses = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(STATUS_RETENTION.toMillis()));
        return List.of(
                fabricTopic(Topics.calls(Capset.of()), Map.of()),
                fabricTopic(Topics.EVENTS, Map.of()),
                fabricTopic(Topics.RESULTS, Map.of()),
                fabricTopic(Topics.STATUS, statuses),
                fabricTopic(Topics.EXECUTORS, compacted),
                fabricTopic(Topics.FUNCTIONS, compacted),
                fabricTopic(Topics.TOKENS, compacted),
                fabricTopic(Topics.CONTROL, Map.of()),
                fabricTopic(Topics.CACHE_REQUESTS, Map.of()),
                fabricTopic(Topics.CACHE_ACCEPTED, Map.of()),
                fabricTopic(Topics.CACHE_COMPLETIONS, Map.of()),
                fabricTopic(Topics.PIPELINES, Map.of()),
                fabricTopic(Topics.PIPELINES_CONTROL, Map.of()),
                fabricTopic(Topics.PIPELINES_STEPS, Map.of()),
                fabricTopic(Topics.PIPELINES_STATUS, statuses),
                fabricTopic(Topics.DLQ, Map.of()));
    }

    /**
     * Creates whichever fabric topics are missing and waits until all of them serve. Fails if existing call,
     * event and result topics are not co-partitioned.
     */
    public void ensureFabricTopics(Admin admin) {
        Deadline deadline = Deadline.in(options.timeout());
        List<NewTopic> wanted = fabricTopics();
        TopicReadiness.createMissing(admin, wanted, deadline);
        Map<String, TopicDescription> described = TopicReadiness.awaitServing(
                admin, wanted.stream().map(NewTopic::name).toList(), deadline);
        int results = described.get(Topics.RESULTS).partitions().size();
        for (String joined : JOINED_WITH_RESULTS) {
            requireCopartitioned(joined, described.get(joined).partitions().size(), results);
        }
    }

    /**
     * Creates the capability topic for {@code capset} like {@link Topics#RESULTS} if it is missing, and waits
     * until it serves. Safe to race: another creator's topic is accepted if it is co-partitioned. Fails if
     * {@link Topics#RESULTS} does not exist. Returns the topic name.
     */
    public String ensureCallsTopic(Admin admin, Capset capset) {
        return ensureCallsTopic(admin, capset, Priority.NORMAL);
    }

    /** Like {@link #ensureCallsTopic(Admin, Capset)}, for the topic of calls at {@code priority}. */
    public String ensureCallsTopic(Admin admin, Capset capset, Priority priority) {
        Deadline deadline = Deadline.in(options.timeout());
        String topic = Topics.calls(capset, priority);
        TopicDescription results = TopicReadiness.describe(admin, Topics.RESULTS, deadline)
                .orElseThrow(() -> new TopicProvisioningException(
                        "topic " + Topics.RESULTS
                                + " does not exist, so capability topics cannot be created co-partitioned with it:"
                                + " provision the fabric's topics first (provision-topics, or TopicProvisioner.ensureFabricTopics)",
                        null));
        NewTopic wanted = likeResults(topic, results);
        if (!TopicReadiness.createMissing(admin, List.of(wanted), deadline).isEmpty()) {
            log.info(
                    "created capability topic {} with {} partitions, like {}",
                    topic,
                    wanted.numPartitions(),
                    Topics.RESULTS);
        }
        TopicDescription description =
                TopicReadiness.awaitServing(admin, List.of(topic), deadline).get(topic);
        requireCopartitioned(
                topic, description.partitions().size(), results.partitions().size());
        return topic;
    }

    /** Creates the reply topic {@code topic} of a gateway or submitter unless it exists, and waits until it serves. */
    public void ensureReplyTopic(Admin admin, String topic) {
        Deadline deadline = Deadline.in(options.timeout());
        if (!TopicReadiness.createMissing(admin, List.of(replyTopic(topic)), deadline)
                .isEmpty()) {
            log.info("created reply topic {}", topic);
        }
        TopicReadiness.awaitServing(admin, List.of(topic), deadline);
    }

    /** A reply topic: one partition, short retention, the cluster's default replication. */
    static NewTopic replyTopic(String name) {
        return new NewTopic(name, Optional.of(REPLY_TOPIC_PARTITIONS), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(REPLY_RETENTION.toMillis())));
    }

    /** {@code topic} with the partition count and replication factor of the results topic described. */
    static NewTopic likeResults(String topic, TopicDescription results) {
        int replicas = results.partitions().get(0).replicas().size();
        // No replica list (not expected from a broker): let the cluster's default decide.
        Optional<Short> replication = replicas > 0 ? Optional.of((short) replicas) : Optional.empty();
        return new NewTopic(topic, Optional.of(results.partitions().size()), replication);
    }

    static void requireCopartitioned(String topic, int partitions, int resultPartitions) {
        if (partitions != resultPartitions) {
            throw new TopicProvisioningException(
                    topic + " has " + partitions + " partitions but " + Topics.RESULTS + " has "
                            + resultPartitions + ": the router joins them by callId and needs equal counts; recreate "
                            + topic + " with "
                            + resultPartitions + " partitions",
                    null);
        }
    }

    private NewTopic fabricTopic(String name, Map<String, String> configs) {
        return new NewTopic(name, options.partitions(), options.replicationFactor()).configs(configs);
    }
}
