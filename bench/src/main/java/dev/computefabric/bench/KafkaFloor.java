package dev.computefabric.bench;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.kafka.Sends;
import dev.computefabric.kafka.TopicReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka floor under the fabric's round trip: the same three hops (client → worker → relay →
 * client: produce, consume, produce, consume, produce, consume) with no fabric code, on the same broker
 * with the same client settings (see {@link FloorClients}). A round trip is one key travelling all three
 * topics; with {@link FloorWorkers} the worker holds a slot for the round trip's work before passing it on.
 */
final class KafkaFloor implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int PARTITIONS = 6;
    private static final short REPLICATION_FACTOR = 1;
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    /** The size of a small FuncCall/FuncResult on the wire. */
    private static final int PAYLOAD_BYTES = 200;

    private final String bootstrap;
    private final List<String> topics;
    private final FloorClients clients;
    private final FloorWorkers workers;
    private final List<Thread> relays = new ArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private KafkaFloor(String bootstrap, List<String> topics, FloorClients clients, FloorWorkers workers) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.clients = clients;
        this.workers = workers;
        this.producer = newProducer(clients.callerProducer());
    }

    /**
     * Creates three fresh topics and starts the worker, the relay and the reply reader.
     *
     * @param caller  the client the floor's caller stands in for (gateway or Kafka submitter)
     * @param workers slots for round trips that carry work; null runs every round trip's work inline (none)
     */
    static KafkaFloor start(String bootstrap, FloorClients.Caller caller, FloorWorkers workers) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of(
                "bench.floor." + run + ".calls", "bench.floor." + run + ".results", "bench.floor." + run + ".replies");
        createAndAwait(bootstrap, topics);
        FloorClients clients = new FloorClients(bootstrap, caller);
        KafkaFloor floor = new KafkaFloor(bootstrap, topics, clients, workers);
        floor.relay(topics.get(0), topics.get(1), clients.workerConsumer(), clients.workerProducer(), workers);
        floor.relay(topics.get(1), topics.get(2), clients.relayConsumer(), clients.relayProducer(), null);
        floor.replies(topics.get(2));
        return floor;
    }

    /** The three topics in hop order, for tracing. */
    List<String> topics() {
        return topics;
    }

    /** One round trip with no work: completes with its key when the key came back through all three hops. */
    CompletableFuture<String> roundTrip() {
        return roundTrip(0);
    }

    /** One round trip whose worker holds a slot for {@code workMs} before passing it on. */
    CompletableFuture<String> roundTrip(long workMs) {
        String key = UUID.randomUUID().toString();
        CompletableFuture<String> done = new CompletableFuture<>();
        pending.put(key, done);
        byte[] payload = new byte[PAYLOAD_BYTES];
        java.nio.ByteBuffer.wrap(payload).putLong(workMs);
        Sends.send(producer, new ProducerRecord<>(topics.get(0), key, payload)).whenComplete((metadata, e) -> {
            if (e != null) {
                pending.remove(key);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    // Each hop has its own producer, as gateway, executor and router each have theirs: no shared batches.
    private void relay(
            String from,
            String to,
            Map<String, Object> consumerConfig,
            Map<String, Object> producerConfig,
            FloorWorkers work) {
        KafkaConsumer<String, byte[]> consumer = consumerAtEnd(from, consumerConfig);
        KafkaProducer<String, byte[]> producer = newProducer(producerConfig);
        start("floor-relay-" + from, () -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        ProducerRecord<String, byte[]> next = new ProducerRecord<>(to, record.key(), record.value());
                        if (work == null) {
                            producer.send(next);
                        } else {
                            work.submit(java.nio.ByteBuffer.wrap(record.value()).getLong(), () -> producer.send(next));
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke us
            }
        });
    }

    private void replies(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumerAtEnd(topic, clients.replyConsumer());
        start("floor-replies", () -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        CompletableFuture<String> done = pending.remove(record.key());
                        if (done != null) {
                            done.complete(record.key());
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke us
            }
        });
    }

    private KafkaProducer<String, byte[]> newProducer(Map<String, Object> config) {
        KafkaProducer<String, byte[]> created =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producers.add(created);
        return created;
    }

    private KafkaConsumer<String, byte[]> consumerAtEnd(String topic, Map<String, Object> config) {
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is produced
        consumers.add(consumer);
        return consumer;
    }

    private void start(String name, Runnable loop) {
        relays.add(NamedThreads.start(name, loop));
    }

    private static void createAndAwait(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(FloorClients.admin(bootstrap))) {
            TopicReadiness.createAndAwait(
                    admin,
                    topics.stream()
                            .map(t -> new NewTopic(t, PARTITIONS, REPLICATION_FACTOR))
                            .toList(),
                    TOPIC_TIMEOUT);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (workers != null) {
            workers.close();
        }
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread relay : relays) {
            relay.join(5_000);
        }
        consumers.forEach(KafkaConsumer::close);
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));
        try (Admin admin = Admin.create(FloorClients.admin(bootstrap))) {
            admin.deleteTopics(topics);
        }
    }
}
