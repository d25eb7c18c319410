package dev.computefabric.gateway.kafka;

import dev.computefabric.gateway.calls.CallTopics;
import dev.computefabric.gateway.calls.FabricUnavailableException;
import dev.computefabric.gateway.calls.Failures;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the gateway writes to or reads from, and waits until they are usable.
 *
 * <p>The broker runs with {@code auto.create.topics.enable=false}, so the first call needing a new capset
 * creates {@code fabric.calls.<capset>} here, with the partition count of {@code fabric.results}: the router
 * joins a call with its result by callId, which needs both topics co-partitioned. Known topics are cached;
 * a failed creation is not, so the next call tries again.
 */
public final class TopicProvisioner implements CallTopics, AutoCloseable {

    /** One consumer reads all of a reply topic; more partitions would not make it faster. */
    public static final int REPLY_TOPIC_PARTITIONS = 1;
    /** Replies matter only to the running gateway, which starts reading at the end of its topic. */
    public static final Duration REPLY_RETENTION = Duration.ofHours(1);
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final TopicReadiness readiness;
    // One thread: creations are rare, and serialising them keeps the results-partition lookup simple.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(NamedThreads.named("gateway-topics"));
    private final Map<String, CompletableFuture<String>> callTopics = new ConcurrentHashMap<>();
    private volatile int resultsPartitions;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
        this.readiness = new TopicReadiness(admin);
    }

    /** Creates this gateway's reply topic unless it exists, and returns once it is usable. Blocks. */
    public void ensureReplyTopic(String topic) {
        NewTopic reply = new NewTopic(topic, Optional.of(REPLY_TOPIC_PARTITIONS), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(REPLY_RETENTION.toMillis())));
        if (create(reply)) {
            log.info("created reply topic {}", topic);
        }
        readiness.await(topic, READY_TIMEOUT);
    }

    @Override
    public CompletableFuture<String> topicFor(Capset capset) {
        String topic = Topics.calls(capset);
        CompletableFuture<String> ready = callTopics.get(topic);
        if (ready != null) {
            return ready;
        }
        ready = callTopics.computeIfAbsent(topic, t -> CompletableFuture.supplyAsync(() -> provisionCallTopic(t), worker));
        CompletableFuture<String> created = ready;
        // Registered outside computeIfAbsent: the future may already be done, and this callback mutates the map.
        created.whenComplete((name, failure) -> {
            if (failure != null) {
                callTopics.remove(topic, created);
            }
        });
        return created;
    }

    private String provisionCallTopic(String topic) {
        if (partitionsOf(topic).isEmpty()) {
            int partitions = resultsPartitions().orElseThrow(() -> new FabricUnavailableException("topic " + Topics.RESULTS
                    + " does not exist, so the gateway cannot create capability topics co-partitioned with it:"
                    + " provision the fabric's topics first", null));
            if (create(new NewTopic(topic, Optional.of(partitions), Optional.empty()))) {
                log.info("created capability topic {} with {} partitions, like {}", topic, partitions, Topics.RESULTS);
            }
        }
        int actual = readiness.await(topic, READY_TIMEOUT);
        resultsPartitions().ifPresent(expected -> {
            if (actual != expected) {
                log.warn("capability topic {} has {} partitions but {} has {}: the router cannot join their records"
                        + " by callId until the counts match", topic, actual, Topics.RESULTS, expected);
            }
        });
        return topic;
    }

    /** The partition count of {@code fabric.results}, cached once known; empty while the topic does not exist. */
    private OptionalInt resultsPartitions() {
        int known = resultsPartitions;
        if (known > 0) {
            return OptionalInt.of(known);
        }
        OptionalInt found = partitionsOf(Topics.RESULTS);
        found.ifPresent(count -> resultsPartitions = count);
        return found;
    }

    /** The partition count of {@code topic}, or empty when it does not exist. */
    private OptionalInt partitionsOf(String topic) {
        try {
            return OptionalInt.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            throw Failures.of("describe topic " + topic, e);
        } catch (TimeoutException e) {
            throw Failures.of("describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.of("describe topic " + topic, e);
        }
    }

    /** Creates {@code topic}; false when it already existed (another gateway, or the provisioner, was first). */
    private boolean create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw Failures.of("create topic " + topic.name(), e);
        } catch (TimeoutException e) {
            throw Failures.of("create topic " + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.of("create topic " + topic.name(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
