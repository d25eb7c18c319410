package dev.computefabric.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics and waits until they serve: described, and {@code listOffsets} answers for every partition.
 * Producing with an idempotent producer to a topic whose partitions have no leader yet caused minutes of
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} retries (FINDINGS pitfall 2); everything that creates topics waits here.
 */
public final class TopicReadiness {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
    static final Duration MAX_BACKOFF = Duration.ofMillis(500);

    private TopicReadiness() {}

    /**
     * Creates whichever of {@code wanted} do not exist (one that exists, or that another client creates
     * meanwhile, is taken as it is) and returns their descriptions once every partition of each serves.
     */
    public static Map<String, TopicDescription> createAndAwait(
            Admin admin, Collection<NewTopic> wanted, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        createMissing(admin, wanted, deadline);
        return awaitServing(admin, wanted.stream().map(NewTopic::name).toList(), deadline);
    }

    /** Returns the descriptions of {@code topics} once every partition of each serves. */
    public static Map<String, TopicDescription> awaitServing(Admin admin, Collection<String> topics, Duration timeout) {
        return awaitServing(admin, topics, Deadline.in(timeout));
    }

    /** Creates those of {@code wanted} that do not exist; returns the names this call created. */
    static Set<String> createMissing(Admin admin, Collection<NewTopic> wanted, Deadline deadline) {
        Set<String> existing = get(admin.listTopics().names(), deadline, "list topics");
        List<NewTopic> missing = wanted.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .toList();
        Set<String> created = new LinkedHashSet<>();
        if (missing.isEmpty()) {
            return created;
        }
        for (Map.Entry<String, KafkaFuture<Void>> creation :
                admin.createTopics(missing).values().entrySet()) {
            try {
                get(creation.getValue(), deadline, "create topic " + creation.getKey());
                created.add(creation.getKey());
            } catch (TopicProvisioningException e) {
                // Someone else created it between our list and create: fine, it is checked like any existing topic.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    static Map<String, TopicDescription> awaitServing(Admin admin, Collection<String> topics, Deadline deadline) {
        long backoffMs = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics)
                        .allTopicNames()
                        .get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
                admin.listOffsets(latestOffsetsOf(described.values()))
                        .all()
                        .get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
                return described;
            } catch (ExecutionException e) {
                // Retriable: the topic is not known everywhere yet, or a partition has no leader yet.
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new TopicProvisioningException(
                            "topics " + topics + " cannot serve: " + describe(e.getCause()), e.getCause());
                }
                if (deadline.passed()) {
                    throw notServing(topics, deadline, e.getCause());
                }
            } catch (TimeoutException e) {
                if (deadline.passed()) {
                    throw notServing(topics, deadline, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(topics, e);
            }
            pause(backoffMs, topics);
            backoffMs = nextBackoff(backoffMs);
        }
    }

    /** The description of {@code topic}, or empty when it does not exist. */
    static Optional<TopicDescription> describe(Admin admin, String topic, Deadline deadline) {
        try {
            return Optional.of(
                    get(admin.describeTopics(List.of(topic)).allTopicNames(), deadline, "describe topic " + topic)
                            .get(topic));
        } catch (TopicProvisioningException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The request that every partition of every described topic answer with its latest offset. */
    static Map<TopicPartition, OffsetSpec> latestOffsetsOf(Collection<TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach(topic -> topic.partitions()
                .forEach(partition ->
                        latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        return latest;
    }

    /** Doubles the pause between attempts up to {@link #MAX_BACKOFF}: quick while a topic is being created, calm while Kafka is down. */
    static long nextBackoff(long backoffMs) {
        return Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
    }

    private static <T> T get(KafkaFuture<T> future, Deadline deadline, String what) {
        try {
            return future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new TopicProvisioningException("cannot " + what + ": " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("could not " + what + " within " + deadline.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while trying to " + what, e);
        }
    }

    private static void pause(long millis, Collection<String> topics) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(topics, e);
        }
    }

    private static TopicProvisioningException interrupted(Collection<String> topics, InterruptedException e) {
        return new TopicProvisioningException("interrupted while waiting for topics " + topics + " to serve", e);
    }

    private static TopicProvisioningException notServing(
            Collection<String> topics, Deadline deadline, Throwable cause) {
        return new TopicProvisioningException(
                "topics " + topics + " did not come to serve within " + deadline.timeout() + ": " + describe(cause),
                cause);
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
