package dev.computefabric.gateway.it;

import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes and reads the pipelines' topics as the router would: what a gateway wrote, and what it is told. */
final class PipelineTopics {

    private final String bootstrap;
    private final FabricSerdes serdes;

    PipelineTopics(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.serdes = FabricSerdes.forRegistry(registryUrl);
    }

    /** Produces {@code value} under {@code key} and waits for the broker's acknowledgement. */
    <V extends SpecificRecord> void produce(String topic, String key, V value, Class<V> type) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                new KafkaClientConfig(bootstrap, "pipelines-it").producer(),
                new StringSerializer(),
                serdes.serializer(type))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** The first record under {@code key} on {@code topic}, read from the beginning for at most {@code within}. */
    <V extends SpecificRecord> ConsumerRecord<String, V> first(
            String topic, String key, Class<V> type, Duration within) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                new KafkaClientConfig(bootstrap, "pipelines-it").replyConsumer(),
                new StringDeserializer(),
                serdes.deserializer(type))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            AtomicReference<ConsumerRecord<String, V>> found = new AtomicReference<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (found.get() == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && found.get() == null) {
                        found.set(record);
                    }
                }
            }
            if (found.get() == null) {
                throw new AssertionError("no record under " + key + " on " + topic + " within " + within);
            }
            return found.get();
        }
    }
}
