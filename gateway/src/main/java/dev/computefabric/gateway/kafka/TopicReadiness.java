package dev.computefabric.gateway.kafka;

import dev.computefabric.gateway.calls.FabricUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until a topic is usable: described, and {@code listOffsets} answers for every partition. Producing
 * with an idempotent producer to a topic whose partitions have no leader yet caused minutes of
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} retries (FINDINGS pitfall 2); this wait avoids that.
 */
final class TopicReadiness {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
    static final Duration MAX_BACKOFF = Duration.ofMillis(500);

    private final Admin admin;

    TopicReadiness(Admin admin) {
        this.admin = admin;
    }

    /** Returns the topic's partition count once every partition answers; fails after {@code timeout}. */
    int await(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = FIRST_BACKOFF.toMillis();
        while (true) {
            long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(leftMs, TimeUnit.MILLISECONDS).get(topic);
                Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
                admin.listOffsets(latest).all().get(leftMs, TimeUnit.MILLISECONDS);
                return description.partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() >= deadline) {
                    throw notReady(topic, timeout, e.getCause());
                }
            } catch (TimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    throw notReady(topic, timeout, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notReady(topic, timeout, e);
            }
            pause(backoffMs, topic, timeout);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    private static void pause(long millis, String topic, Duration timeout) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady(topic, timeout, e);
        }
    }

    private static FabricUnavailableException notReady(String topic, Duration timeout, Throwable cause) {
        return new FabricUnavailableException("topic " + topic + " did not become ready within " + timeout.toMillis()
                + " ms: Kafka is unavailable (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
    }
}
