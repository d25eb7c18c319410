package dev.computefabric.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics the submitter needs, and waits until they answer (a fresh topic refuses writes briefly). */
final class FabricTopics {

    private FabricTopics() {
    }

    /** Creates {@code topic} with {@code partitions} unless it exists; returns once every partition has a leader. */
    static void ensure(Admin admin, String topic, int partitions, Duration timeout) {
        long ms = timeout.toMillis();
        try {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                        .all().get(ms, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // Producing right after createTopics caused long OUT_OF_ORDER_SEQUENCE retry storms: wait for offsets.
            int count = admin.describeTopics(List.of(topic)).allTopicNames().get(ms, TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
            for (int p = 0; p < count; p++) {
                admin.listOffsets(java.util.Map.of(new TopicPartition(topic, p), OffsetSpec.latest()))
                        .all().get(ms, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new FabricException(0, "cannot create topic '" + topic + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FabricException(0, "interrupted while creating topic '" + topic + "'", e);
        }
    }
}
