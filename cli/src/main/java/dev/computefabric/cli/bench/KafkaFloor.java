package dev.computefabric.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
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
 * with the same client settings. A round trip is one key travelling all three topics.
 */
final class KafkaFloor implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int PARTITIONS = 6;

    private final String bootstrap;
    private final List<String> topics;
    private final List<Thread> relays = new ArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private KafkaFloor(String bootstrap, List<String> topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.producer = newProducer();
    }

    /** Creates three fresh topics and starts the two relays and the reply reader. */
    static KafkaFloor start(String bootstrap) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of("bench.floor." + run + ".calls", "bench.floor." + run + ".results", "bench.floor." + run + ".replies");
        createAndAwait(bootstrap, topics);
        KafkaFloor floor = new KafkaFloor(bootstrap, topics);
        floor.relay(topics.get(0), topics.get(1));
        floor.relay(topics.get(1), topics.get(2));
        floor.replies(topics.get(2));
        return floor;
    }

    /** One round trip: completes when the key came back through all three hops. */
    CompletableFuture<Void> roundTrip() {
        String key = UUID.randomUUID().toString();
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.put(key, done);
        producer.send(new ProducerRecord<>(topics.get(0), key, new byte[200]));
        return done;
    }

    // Each hop has its own producer, as gateway, executor and router each have theirs: no shared batches.
    private void relay(String from, String to) {
        KafkaConsumer<String, byte[]> consumer = consumerAtEnd(from);
        KafkaProducer<String, byte[]> producer = newProducer();
        Thread thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke us
            }
        }, "floor-relay-" + from);
        start(thread);
    }

    private void replies(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumerAtEnd(topic);
        Thread thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        CompletableFuture<Void> done = pending.remove(record.key());
                        if (done != null) {
                            done.complete(null);
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke us
            }
        }, "floor-replies");
        start(thread);
    }

    private KafkaProducer<String, byte[]> newProducer() {
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(FloorClients.producer(bootstrap), new StringSerializer(), new ByteArraySerializer());
        producers.add(created);
        return created;
    }

    private KafkaConsumer<String, byte[]> consumerAtEnd(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(FloorClients.consumer(bootstrap), new StringDeserializer(), new ByteArrayDeserializer());
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

    // FINDINGS pitfall 2: producing right after createTopics can stall an idempotent producer; wait until every partition answers.
    private static void createAndAwait(String bootstrap, List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < PARTITIONS; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
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
