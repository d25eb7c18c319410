package dev.computefabric.bench;

import dev.computefabric.kafka.TopicReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
    private final FloorClients.Caller caller;
    private final FloorWorkers workers;
    private final List<Thread> relays = new ArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private KafkaFloor(String bootstrap, List<String> topics, FloorClients.Caller caller, FloorWorkers workers) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.caller = caller;
        this.workers = workers;
        this.producer = newProducer(caller.lingerMs());
    }

    /**
     * Creates three fresh topics and starts the worker, the relay and the reply reader.
     *
     * @param caller  the settings of the client the floor stands in for (gateway or Kafka submitter)
     * @param workers slots for round trips that carry work; null runs every round trip's work inline (none)
     */
    static KafkaFloor start(String bootstrap, FloorClients.Caller caller, FloorWorkers workers) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of("bench.floor." + run + ".calls", "bench.floor." + run + ".results", "bench.floor." + run + ".replies");
        createAndAwait(bootstrap, topics);
        KafkaFloor floor = new KafkaFloor(bootstrap, topics, caller, workers);
        floor.relay(topics.get(0), topics.get(1), FloorClients.WORKER_FETCH_MAX_WAIT_MS, workers);
        floor.relay(topics.get(1), topics.get(2), FloorClients.RELAY_FETCH_MAX_WAIT_MS, null);
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
        producer.send(new ProducerRecord<>(topics.get(0), key, payload), (metadata, e) -> {
            if (e != null) {
                pending.remove(key);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    // Each hop has its own producer, as gateway, executor and router each have theirs: no shared batches.
    private void relay(String from, String to, int fetchMaxWaitMs, FloorWorkers work) {
        KafkaConsumer<String, byte[]> consumer = consumerAtEnd(from, fetchMaxWaitMs);
        KafkaProducer<String, byte[]> producer = newProducer(FloorClients.FABRIC_LINGER_MS);
        Thread thread = new Thread(() -> {
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
        }, "floor-relay-" + from);
        start(thread);
    }

    private void replies(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumerAtEnd(topic, caller.replyFetchMaxWaitMs());
        Thread thread = new Thread(() -> {
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
        }, "floor-replies");
        start(thread);
    }

    private KafkaProducer<String, byte[]> newProducer(int lingerMs) {
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(FloorClients.producer(bootstrap, lingerMs),
                new StringSerializer(), new ByteArraySerializer());
        producers.add(created);
        return created;
    }

    private KafkaConsumer<String, byte[]> consumerAtEnd(String topic, int fetchMaxWaitMs) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(FloorClients.consumer(bootstrap, fetchMaxWaitMs),
                new StringDeserializer(), new ByteArrayDeserializer());
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

    private void start(Thread thread) {
        thread.setDaemon(true);
        relays.add(thread);
        thread.start();
    }

    private static void createAndAwait(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicReadiness.createAndAwait(admin, topics.stream().map(t -> new NewTopic(t, PARTITIONS, REPLICATION_FACTOR)).toList(),
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics);
        }
    }
}
