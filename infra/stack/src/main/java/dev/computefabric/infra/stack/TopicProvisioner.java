package dev.computefabric.infra.stack;

import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the fabric's topics if they are missing, and waits until every partition serves.
 *
 * <p>Calls, events and results are keyed by callId and must have the same partition count: the router
 * joins them by key, which Kafka Streams can only do on co-partitioned topics. A capability topic created
 * later therefore copies the partition count of {@link Topics#RESULTS}.
 */
public final class TopicProvisioner {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Options options;

    /**
     * @param partitions        partitions of every fabric topic
     * @param replicationFactor replicas of each partition; 1 on the embedded single broker
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
    }

    public TopicProvisioner() {
        this(Options.defaults());
    }

    public TopicProvisioner(Options options) {
        this.options = options;
    }

    /** The topics {@link #ensureFabricTopics} creates: what a fresh cluster needs before any component starts. */
    public List<NewTopic> fabricTopics() {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                topic(Topics.calls(Capset.of()), options.partitions(), Map.of()),
                topic(Topics.EVENTS, options.partitions(), Map.of()),
                topic(Topics.RESULTS, options.partitions(), Map.of()),
                topic(Topics.STATUS, options.partitions(), compacted),
                topic(Topics.EXECUTORS, options.partitions(), compacted),
                topic(Topics.CONTROL, options.partitions(), Map.of()),
                topic(Topics.CACHE_REQUESTS, options.partitions(), Map.of()),
                topic(Topics.CACHE_ACCEPTED, options.partitions(), Map.of()),
                topic(Topics.CACHE_COMPLETIONS, options.partitions(), Map.of()),
                topic(Topics.DLQ, options.partitions(), Map.of()));
    }

    /**
     * Creates whichever fabric topics are missing and waits until all of them serve. Fails if existing call,
     * event and result topics are not co-partitioned.
     */
    public void ensureFabricTopics(Admin admin) {
        long deadline = deadline();
        List<NewTopic> wanted = fabricTopics();
        createMissing(admin, wanted, deadline);
        List<String> names = wanted.stream().map(NewTopic::name).toList();
        Map<String, TopicDescription> described = awaitServing(admin, names, deadline);
        int results = described.get(Topics.RESULTS).partitions().size();
        for (String joined : List.of(Topics.calls(Capset.of()), Topics.EVENTS, Topics.CONTROL, Topics.CACHE_ACCEPTED)) {
            requireCopartitioned(joined, described.get(joined).partitions().size(), results);
        }
    }

    /**
     * Creates the capability topic for {@code capset} if it is missing, with as many partitions as
     * {@link Topics#RESULTS}, and waits until it serves. Safe to race: another creator's topic is accepted
     * if it is co-partitioned. Returns the topic name.
     */
    public String ensureCallsTopic(Admin admin, Capset capset) {
        long deadline = deadline();
        String topic = Topics.calls(capset);
        int partitions = partitionsOf(admin, Topics.RESULTS, deadline);
        createMissing(admin, List.of(topic(topic, partitions, Map.of())), deadline);
        TopicDescription description = awaitServing(admin, List.of(topic), deadline).get(topic);
        requireCopartitioned(topic, description.partitions().size(), partitions);
        return topic;
    }

    private NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, partitions, options.replicationFactor()).configs(configs);
    }

    private void createMissing(Admin admin, List<NewTopic> wanted, long deadline) {
        Set<String> existing = get(admin.listTopics().names(), deadline, "list topics");
        List<NewTopic> missing = wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                get(created.getValue(), deadline, "create topic " + created.getKey());
            } catch (ProvisioningException e) {
                // Someone else created it between our list and create: fine, it is checked like any existing topic.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until {@code listOffsets} answers for every partition: producing to a topic whose partitions
     * have no leader yet sent idempotent producers into minutes of OUT_OF_ORDER_SEQUENCE_NUMBER retries.
     */
    private Map<String, TopicDescription> awaitServing(Admin admin, Collection<String> topics, long deadline) {
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                described.values().forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
                return described;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new ProvisioningException("topics " + topics + " do not serve: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new ProvisioningException("topics " + topics + " did not serve within " + options.timeout(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisioningException("interrupted while waiting for topics " + topics, e);
            }
            pause();
        }
    }

    private int partitionsOf(Admin admin, String topic, long deadline) {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(List.of(topic)).allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ProvisioningException("cannot describe " + topic + " (provision the fabric topics first, "
                    + "TopicProvisioner.ensureFabricTopics): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ProvisioningException("describing " + topic + " took longer than " + options.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while describing " + topic, e);
        }
        return described.get(topic).partitions().size();
    }

    private static void requireCopartitioned(String topic, int partitions, int resultPartitions) {
        if (partitions != resultPartitions) {
            throw new ProvisioningException(topic + " has " + partitions + " partitions but " + Topics.RESULTS + " has " + resultPartitions
                    + ": the router joins them by callId and needs equal counts; recreate " + topic + " with " + resultPartitions
                    + " partitions", null);
        }
    }

    private <T> T get(KafkaFuture<T> future, long deadline, String what) {
        try {
            return future.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ProvisioningException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ProvisioningException("could not " + what + " within " + options.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while trying to " + what, e);
        }
    }

    private long deadline() {
        return System.nanoTime() + options.timeout().toNanos();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while waiting for topics", e);
        }
    }

    /** Topics could not be created or did not come to serve. */
    public static final class ProvisioningException extends RuntimeException {
        public ProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
