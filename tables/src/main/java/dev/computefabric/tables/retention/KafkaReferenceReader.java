package dev.computefabric.tables.retention;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link References} from Kafka: every topic that carries calls from its start, then all of
 * {@code fabric.status}, each up to the end offsets taken when its read began. A consumer without a group,
 * created per sweep and closed after it.
 */
public final class KafkaReferenceReader implements ReferenceSource {

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(KafkaReferenceReader.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Deserializer<CallStatus> statuses;
    private final Deserializer<FuncCall> calls;
    private final Duration timeout;
    private final Clock wallClock;

    /**
     * @param consumers a new consumer without a group, {@code read_committed}, per sweep
     * @param timeout   longest a sweep may read; a slower read fails the sweep, which then removes nothing
     * @param wallClock measures {@code timeout}; the sweep's own clock only decides what is old
     */
    public KafkaReferenceReader(
            Supplier<Consumer<String, byte[]>> consumers,
            Deserializer<CallStatus> statuses,
            Deserializer<FuncCall> calls,
            Duration timeout,
            Clock wallClock) {
        this.consumers = consumers;
        this.statuses = statuses;
        this.calls = calls;
        this.timeout = timeout;
        this.wallClock = wallClock;
    }

    /** Whether {@code topic} carries {@code FuncCall}s whose input tables count as references. */
    public static boolean carriesCalls(String topic) {
        return topic.startsWith(Topics.CALLS_PREFIX)
                || topic.equals(Topics.CACHE_REQUESTS)
                || topic.equals(Topics.CACHE_ACCEPTED);
    }

    @Override
    public Set<String> referenced(Instant now, Duration retention) {
        Instant deadline = wallClock.instant().plus(timeout);
        References references = new References();
        int[] skipped = {0};
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            // Calls first, from the start of their topics: a call is live until its status says it ended, and
            // a call the router has not seen yet (however long ago it was written) has no status at all.
            List<String> callTopics = consumer.listTopics().keySet().stream()
                    .filter(KafkaReferenceReader::carriesCalls)
                    .sorted()
                    .toList();
            List<TopicPartition> callPartitions = partitionsOf(consumer, callTopics);
            consumer.assign(callPartitions);
            consumer.seekToBeginning(callPartitions);
            readToEnd(consumer, callPartitions, deadline, (record, value) -> {
                FuncCall call = decodeCall(record, value);
                if (call == null) {
                    skipped[0]++;
                } else {
                    references.call(call, Instant.ofEpochMilli(record.timestamp()), now, retention);
                }
            });

            // Then every status: one that appears while the calls were read only ends a call sooner.
            List<TopicPartition> status = partitionsOf(consumer, List.of(Topics.STATUS));
            consumer.assign(status);
            consumer.seekToBeginning(status);
            readToEnd(consumer, status, deadline, (record, value) -> {
                if (value == null) {
                    references.status(record.key(), null);
                    return;
                }
                CallStatus decoded = decode(statuses, record, value, "status");
                if (decoded == null) {
                    // Poison a producer wrote: the call keeps what its last readable status (or none) says.
                    skipped[0]++;
                } else {
                    references.status(record.key(), decoded);
                }
            });
        }
        Set<String> referenced = references.referenced();
        log.debug(
                "{} stored tables referenced; {} older calls with stored inputs not ended; {} unreadable call and status"
                        + " records skipped",
                referenced.size(),
                references.liveCalls(),
                skipped[0]);
        return referenced;
    }

    private FuncCall decodeCall(ConsumerRecord<String, byte[]> record, byte[] value) {
        // A null value on a call topic is nobody's call; poison, of which no executor runs anything either.
        return value == null ? null : decode(calls, record, value, "call");
    }

    /** The record decoded, or null when it is poison; throws when the registry is down (every record would fail). */
    private static <T> T decode(
            Deserializer<T> deserializer, ConsumerRecord<String, byte[]> record, byte[] value, String what) {
        try {
            return deserializer.deserialize(record.topic(), value);
        } catch (SerializationException e) {
            if (SchemaRegistryUnavailableException.isCauseOf(e)) {
                // Every record would fail alike, and a sweep that misses references removes tables in use.
                throw e;
            }
            log.warn(
                    "skipping an unreadable {} record at {}-{} offset {}: {}",
                    what,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private static List<TopicPartition> partitionsOf(Consumer<String, byte[]> consumer, List<String> topics) {
        return topics.stream()
                .flatMap(topic ->
                        consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                .toList();
    }

    private void readToEnd(
            Consumer<String, byte[]> consumer,
            List<TopicPartition> partitions,
            Instant deadline,
            BiConsumer<ConsumerRecord<String, byte[]>, byte[]> sink) {
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        while (!ends.isEmpty()) {
            if (wallClock.instant().isAfter(deadline)) {
                throw new IllegalStateException("reading table references took longer than " + timeout + "; "
                        + ends.size() + " partitions unread, so this sweep removes nothing");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(partition);
                if (end != null && record.offset() < end) {
                    sink.accept(record, record.value());
                }
            }
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        }
    }
}
