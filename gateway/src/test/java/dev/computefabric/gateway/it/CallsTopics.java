package dev.computefabric.gateway.it;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every topic a gateway queues calls on (each {@code fabric.calls.*} and the result cache's requests) from
 * its beginning to its end: what was queued, to prove what was not.
 */
final class CallsTopics {

    static final Duration READ_BOUND = Duration.ofSeconds(60);

    private CallsTopics() {}

    /** Every call queued so far, on any capability topic or the cache's requests. */
    static List<FuncCall> everyQueuedCall(String bootstrap, String registryUrl) {
        FabricSerdes serdes = FabricSerdes.forRegistry(registryUrl);
        try (KafkaConsumer<String, FuncCall> consumer = new KafkaConsumer<>(
                new KafkaClientConfig(bootstrap, "calls-topics-it").replyConsumer(),
                new StringDeserializer(),
                serdes.deserializer(FuncCall.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                if (topic.startsWith(Topics.CALLS_PREFIX) || topic.equals(Topics.CACHE_REQUESTS)) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<FuncCall> calls = new ArrayList<>();
            long deadline = System.nanoTime() + READ_BOUND.toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read the calls topics to their end within " + READ_BOUND);
                }
                for (ConsumerRecord<String, FuncCall> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        calls.add(record.value());
                    }
                }
            }
            return calls;
        }
    }
}
