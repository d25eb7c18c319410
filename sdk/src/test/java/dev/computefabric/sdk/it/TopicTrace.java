package dev.computefabric.sdk.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** For failure messages: which fabric topics hold a record keyed by a call id, so a lost call says where it stopped. */
final class TopicTrace {

    private TopicTrace() {}

    static String of(String bootstrap, String callId) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).values().stream()
                    .flatMap(List::stream)
                    .filter(p -> p.topic().startsWith("fabric."))
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && callId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        seen.add(r.topic() + "@" + r.offset()
                                + (r.topic().equals("fabric.status")
                                        ? "="
                                                + new String(r.value(), StandardCharsets.ISO_8859_1)
                                                        .replaceAll("[^ -~]", ".")
                                        : ""));
                    }
                });
            }
        } catch (RuntimeException e) {
            return "(no trace: " + e + ")";
        }
        Set<String> unique = seen.stream().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return "call " + callId + " is on " + unique;
    }
}
