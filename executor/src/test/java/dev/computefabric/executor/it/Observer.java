package dev.computefabric.executor.it;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.executor.dispatch.DeadLetters;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads fabric.results, fabric.events and fabric.dlq from the beginning, on its own thread, keyed by callId; and
 * fabric.functions, keeping each node's latest catalog (a tombstone removes it).
 */
final class Observer implements AutoCloseable {

    /** A record in fabric.dlq. */
    record DeadLetter(String key, String reason, String originTopic) {}

    private final Map<String, List<FuncResult>> results = new ConcurrentHashMap<>();
    private final Map<String, List<CallEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new ConcurrentHashMap<>();
    /** Where each call's results and events were written, as {@code topic-partition}. */
    private final Map<String, List<String>> placements = new ConcurrentHashMap<>();

    private final Map<String, FunctionCatalog> catalogs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private Observer(String bootstrap, String registryUrl) {
        FabricSerdes serdes = FabricSerdes.forRegistry(registryUrl);
        var resultReader = serdes.deserializer(FuncResult.class);
        var eventReader = serdes.deserializer(CallEvent.class);
        var catalogReader = serdes.deserializer(FunctionCatalog.class);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("fetch.max.wait.ms", "5");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.RESULTS, Topics.EVENTS, Topics.DLQ, Topics.FUNCTIONS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = NamedThreads.named("it-observer").newThread(() -> {
            try (consumer) {
                while (!closed) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        if (record.topic().equals(Topics.FUNCTIONS)) {
                            if (record.value() == null) {
                                catalogs.remove(record.key());
                            } else {
                                catalogs.put(record.key(), catalogReader.deserialize(record.topic(), record.value()));
                            }
                            continue;
                        }
                        if (record.value() == null) {
                            continue;
                        }
                        if (!record.topic().equals(Topics.DLQ)) {
                            add(placements, record.key(), record.topic() + "-" + record.partition());
                        }
                        switch (record.topic()) {
                            case Topics.RESULTS ->
                                add(results, record.key(), resultReader.deserialize(record.topic(), record.value()));
                            case Topics.EVENTS ->
                                add(events, record.key(), eventReader.deserialize(record.topic(), record.value()));
                            default ->
                                add(
                                        deadLetters,
                                        record.key(),
                                        new DeadLetter(
                                                record.key(),
                                                header(record, DeadLetters.REASON),
                                                header(record, DeadLetters.ORIGIN_TOPIC)));
                        }
                    }
                }
            }
        });
    }

    static Observer start(String bootstrap, String registryUrl) {
        Observer observer = new Observer(bootstrap, registryUrl);
        observer.thread.start();
        return observer;
    }

    List<FuncResult> results(String callId) {
        return List.copyOf(results.getOrDefault(callId, List.of()));
    }

    List<CallEvent> started(String callId) {
        return events.getOrDefault(callId, List.of()).stream()
                .filter(e -> e.getType() == CallEventType.STARTED)
                .toList();
    }

    /** The {@code topic-partition}s the results and events of {@code callId} were written to. */
    List<String> placements(String callId) {
        return List.copyOf(placements.getOrDefault(callId, List.of()));
    }

    /** The catalog node {@code executorId} announced last; empty if none, or after its tombstone. */
    java.util.Optional<FunctionCatalog> catalog(String executorId) {
        return java.util.Optional.ofNullable(catalogs.get(executorId));
    }

    List<DeadLetter> deadLetters(String key) {
        return List.copyOf(deadLetters.getOrDefault(key, List.of()));
    }

    private static <T> void add(Map<String, List<T>> map, String key, T value) {
        map.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
    }
}
