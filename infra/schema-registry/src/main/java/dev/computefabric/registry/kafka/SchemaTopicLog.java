package dev.computefabric.registry.kafka;

import dev.computefabric.registry.InMemorySchemaStore;
import dev.computefabric.registry.SchemaStoreException;
import dev.computefabric.schemas.FabricCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of {@link KafkaSchemaStore}: one consumer assigned to the topic's only partition (no
 * group: every instance reads everything), and a transactional producer shared in name by all instances.
 * Not thread-safe; the store calls it under its lock.
 */
final class SchemaTopicLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    // An instance that dies inside a transaction holds back every reader's view until this passes
    // (or until another instance's writer fences it); registry transactions take milliseconds.
    private static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private final KafkaStoreOptions options;
    private final TopicPartition partition;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    SchemaTopicLog(KafkaStoreOptions options) {
        this.options = options;
        this.partition = new TopicPartition(options.topic(), 0);
        this.consumer = new KafkaConsumer<>(consumerProperties(options));
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ProducerRecord<>(options.topic(), 0, key, value);
    }

    /** Applies every committed record up to the end of the topic as it is now. */
    void catchUp(InMemorySchemaStore view) {
        catchUpPast(view, -1);
    }

    /**
     * Applies every committed record up to the end of the topic, and at least past {@code offset}. A commit
     * returns before the broker wrote its transaction markers, and until then the last stable offset (the
     * end a {@code read_committed} reader sees) stays before the transaction: without waiting for our own
     * records the next write would decide on a view that lacks them.
     */
    void catchUpPast(InMemorySchemaStore view, long offset) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try {
            long end;
            do {
                // With read_committed this is the last stable offset: an open transaction is not waited for.
                end = consumer.endOffsets(Set.of(partition), options.timeout()).get(partition);
                while (consumer.position(partition, options.timeout()) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new SchemaStoreException(
                                "schema topic '" + options.topic() + "' not read to offset " + end + " within "
                                        + options.timeout(),
                                null);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        SchemaLog.apply(record.key(), record.value(), view);
                    }
                }
                if (end <= offset && System.nanoTime() > deadline) {
                    throw new SchemaStoreException(
                            "own write at offset " + offset + " of '" + options.topic() + "' not readable within "
                                    + options.timeout(),
                            null);
                }
            } while (end <= offset);
        } catch (KafkaException e) {
            throw new SchemaStoreException(
                    "cannot read schema topic '" + options.topic() + "' from " + options.bootstrap() + ": " + e, e);
        }
    }

    /** Makes this instance the one writer: a new producer fences every other instance's producer. */
    void claimWriter() {
        if (producer != null) {
            return;
        }
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerProperties(options));
        try {
            created.initTransactions();
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            throw new SchemaStoreException(
                    "cannot start a schema-topic transaction on " + options.bootstrap() + ": " + e, e);
        }
        producer = created;
    }

    /**
     * Commits {@code records} atomically and returns the offset of the last; throws
     * {@link ProducerFencedException} if another instance claimed the writer role since ours.
     */
    long commit(List<ProducerRecord<byte[], byte[]>> records) {
        producer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : records) {
            sent.add(producer.send(record));
        }
        producer.commitTransaction();
        long last = -1;
        for (Future<RecordMetadata> future : sent) {
            try {
                last = Math.max(last, future.get().offset());
            } catch (ExecutionException e) {
                throw new KafkaException("a committed record failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted after commit", e);
            }
        }
        return last;
    }

    /** Drops the producer after a fence or failure; the next write claims the writer role again. */
    void releaseWriter() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        releaseWriter();
        consumer.close(Duration.ofSeconds(5));
    }

    private static Properties consumerProperties(KafkaStoreOptions options) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.putAll(FabricCredentials.kafkaPropertiesFromEnvironment());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader");
        return props;
    }

    private static Properties producerProperties(KafkaStoreOptions options) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.putAll(FabricCredentials.kafkaPropertiesFromEnvironment());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, options.transactionalId());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) options.timeout().toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
