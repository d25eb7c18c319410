package dev.computefabric.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a round trip's time goes, hop by hop: the time each record of a round trip was appended to each
 * topic it passed (keyed by call id), and the client's own send and receive times. Tracing switches the
 * traced topics to {@code message.timestamp.type=LogAppendTime}: with the default {@code CreateTime} a
 * Kafka Streams app (the router) stamps its output with its input's time, hiding its own share. Use it on
 * a fabric of your own. Timestamps have millisecond resolution: each counts as the middle of its
 * millisecond, and single hops are reported as means over many round trips, where truncation averages out.
 */
final class HopTrace {

    private static final Duration POLL = Duration.ofMillis(200);

    /** Share of the round trips, the slowest, whose segments are shown apart: where the tail's time goes. */
    static final double TAIL = 0.01;

    /**
     * One segment of the round trip: between two points, its mean in milliseconds, and its mean over the slowest
     * {@link #TAIL} of round trips (by their whole time).
     */
    record Segment(String name, double meanMs, double tailMeanMs) {}

    private final String bootstrap;
    private final List<String> topics;
    private final List<String> segmentNames;
    private final Map<TopicPartition, Long> startOffsets;
    private final Map<String, double[]> client = new ConcurrentHashMap<>();

    private HopTrace(
            String bootstrap, List<String> topics, List<String> segmentNames, Map<TopicPartition, Long> startOffsets) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.segmentNames = segmentNames;
        this.startOffsets = startOffsets;
    }

    /**
     * Starts tracing round trips through {@code topics} (in the order they pass them) from the topics' ends now.
     *
     * @param segmentNames one name per segment: {@code topics.size() + 1} (client → first topic … last topic → client)
     */
    static HopTrace begin(String bootstrap, List<String> topics, List<String> segmentNames) {
        if (segmentNames.size() != topics.size() + 1) {
            throw new IllegalArgumentException(
                    "need " + (topics.size() + 1) + " segment names for " + topics.size() + " topics");
        }
        appendTime(bootstrap, topics);
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            return new HopTrace(bootstrap, topics, segmentNames, new HashMap<>(consumer.endOffsets(partitions)));
        }
    }

    private static void appendTime(String bootstrap, List<String> topics) {
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
        for (String topic : topics) {
            changes.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
                            AlterConfigOp.OpType.SET)));
        }
        try (Admin admin = Admin.create(FloorClients.admin(bootstrap))) {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot switch " + topics + " to LogAppendTime for tracing: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Wraps a round trip that completes with its call id, noting when it was sent and when it came back. */
    Supplier<CompletableFuture<String>> traced(Supplier<CompletableFuture<String>> roundTrip) {
        return () -> {
            double sent = nowMillis();
            return roundTrip.get().thenApply(id -> {
                client.put(id, new double[] {sent, nowMillis()});
                return id;
            });
        };
    }

    /** Reads every traced topic up to its end and computes the segments of the round trips seen everywhere. */
    List<Segment> finish() {
        List<Map<String, Long>> stamps = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            for (String topic : topics) {
                stamps.add(firstTimestampByKey(consumer, topic));
            }
        }
        return segments(client, stamps, segmentNames);
    }

    /** The segments of every round trip present in all {@code stamps}; pure, for tests. */
    static List<Segment> segments(Map<String, double[]> client, List<Map<String, Long>> stamps, List<String> names) {
        List<double[]> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new double[client.size()]);
        }
        double[] totals = new double[client.size()];
        int n = 0;
        for (Map.Entry<String, double[]> trip : client.entrySet()) {
            double[] points = new double[stamps.size() + 2];
            points[0] = trip.getValue()[0];
            points[points.length - 1] = trip.getValue()[1];
            boolean complete = true;
            for (int t = 0; t < stamps.size() && complete; t++) {
                Long stamp = stamps.get(t).get(trip.getKey());
                complete = stamp != null;
                // A millisecond stamp stands for anywhere in its millisecond: count it as the middle.
                points[t + 1] = complete ? stamp + 0.5 : 0;
            }
            if (!complete) {
                continue;
            }
            for (int s = 0; s < names.size(); s++) {
                columns.get(s)[n] = points[s + 1] - points[s];
            }
            totals[n] = points[points.length - 1] - points[0];
            n++;
        }
        int trips = n;
        int tail = Math.max(1, (int) Math.ceil(trips * TAIL));
        int[] slowest = IntStream.range(0, trips)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer trip) -> totals[trip])
                        .reversed())
                .limit(tail)
                .mapToInt(Integer::intValue)
                .toArray();
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s < names.size(); s++) {
            double[] column = columns.get(s);
            double tailMean = IntStream.of(slowest)
                    .mapToDouble(trip -> column[trip])
                    .average()
                    .orElse(Double.NaN);
            double mean = Arrays.stream(column, 0, trips).average().orElse(Double.NaN);
            segments.add(new Segment(names.get(s), mean, tailMean));
        }
        return segments;
    }

    /** Segments as a JSON-ready map: name → mean ms, then name{@code _slowest} → mean ms in the slowest 1 %. */
    static Map<String, Double> means(List<Segment> segments) {
        Map<String, Double> means = new LinkedHashMap<>();
        segments.forEach(s -> means.put(s.name(), s.meanMs()));
        segments.forEach(s -> means.put(s.name() + "_slowest", s.tailMeanMs()));
        return means;
    }

    private Map<String, Long> firstTimestampByKey(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, List.of(topic));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long from = startOffsets.getOrDefault(partition, 0L);
            consumer.seek(partition, from);
            if (ends.get(partition) > from) {
                remaining.put(partition, ends.get(partition));
            }
        }
        Map<String, Long> first = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.key() != null) {
                    first.merge(record.key(), record.timestamp(), Math::min);
                }
            }
            remaining.keySet().removeIf(p -> consumer.position(p) >= remaining.get(p));
        }
        return first;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "bench-trace-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static double nowMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    }
}
