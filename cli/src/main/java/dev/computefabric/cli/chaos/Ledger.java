package dev.computefabric.cli.chaos;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the fabric itself recorded, read from the start of {@code fabric.status} (every state each call went through,
 * as far as compaction left them) and {@code fabric.events} (every start of every execution).
 */
final class Ledger implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern CHAOS_ID = Pattern.compile("\"chaosId\"\\s*:\\s*\"([^\"]+)\"");

    /** Every status record of one call, oldest first. */
    record History(List<CallStatus> statuses) {

        CallStatus last() {
            return statuses.get(statuses.size() - 1);
        }

        boolean ended() {
            return Lifecycle.isTerminal(last().getState());
        }

        /** Distinct terminal states it went through: more than one means it ended twice, differently. */
        long terminalStates() {
            return statuses.stream()
                    .filter(s -> Lifecycle.isTerminal(s.getState()))
                    .map(CallStatus::getState)
                    .distinct()
                    .count();
        }
    }

    /** One execution starting: which executor, when. */
    record Start(String executorId, Instant at) {}

    private final Map<String, List<CallStatus>> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> callIdByChaosId = new ConcurrentHashMap<>();
    private final Map<String, List<Start>> starts = new ConcurrentHashMap<>();
    /** Per call, every execution that left a trace ({@code executorId#attempt}): a start, a result, or both. */
    private final Map<String, Set<String>> executions = new ConcurrentHashMap<>();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<CallStatus> statusReader;
    private final Deserializer<CallEvent> eventReader;
    private final Deserializer<FuncResult> resultReader;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile long skipped;

    Ledger(String bootstrap, String registryUrl) {
        FabricSerdes serdes = FabricSerdes.forRegistry(registryUrl);
        statusReader = serdes.deserializer(CallStatus.class);
        eventReader = serdes.deserializer(CallEvent.class);
        resultReader = serdes.deserializer(FuncResult.class);
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.STATUS, Topics.EVENTS, Topics.RESULTS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "chaos-ledger");
        reader.setDaemon(true);
        reader.start();
    }

    /** The status history of {@code callId}, or null when none was published (yet). */
    History history(String callId) {
        List<CallStatus> list = statuses.get(callId);
        if (list == null) {
            return null;
        }
        synchronized (list) {
            return list.isEmpty() ? null : new History(List.copyOf(list));
        }
    }

    /** The call id the fabric gave the call whose arguments carry {@code chaosId}, if any status names it. */
    String callIdOf(String chaosId) {
        return callIdByChaosId.get(chaosId);
    }

    /** Every start of {@code callId}'s executions. */
    List<Start> starts(String callId) {
        List<Start> list = starts.get(callId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /**
     * How many times {@code callId} ran: its executions by executor and attempt, seen through a STARTED event or a
     * result. Both count, because neither alone sees every run: a call shorter than the executor's start grace
     * reports no STARTED, and a run killed with its node leaves no result.
     */
    int executions(String callId) {
        Set<String> runs = executions.get(callId);
        return runs == null ? 0 : runs.size();
    }

    /** Records the fabric wrote that could not be read: poison, or a schema this reader does not know. */
    long skipped() {
        return skipped;
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // close() stops the loop.
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.STATUS)) {
                CallStatus status = statusReader.deserialize(record.topic(), record.value());
                List<CallStatus> list = statuses.computeIfAbsent(status.getCallId(), id -> new ArrayList<>());
                synchronized (list) {
                    list.add(status);
                }
                if (status.getArgs() != null) {
                    Matcher chaosId = CHAOS_ID.matcher(status.getArgs());
                    if (chaosId.find()) {
                        callIdByChaosId.putIfAbsent(chaosId.group(1), status.getCallId());
                    }
                }
            } else if (record.topic().equals(Topics.RESULTS)) {
                FuncResult result = resultReader.deserialize(record.topic(), record.value());
                // A cached answer did not run. The router's TIMED_OUT result names the executor and attempt its STARTED
                // named, if any, which count once: executions are a set of executor and attempt.
                if (result.getExecutorId() != null && result.getCachedFrom() == null) {
                    ran(result.getCallId(), result.getExecutorId(), result.getAttempt());
                }
            } else {
                CallEvent event = eventReader.deserialize(record.topic(), record.value());
                if (event.getType() == CallEventType.STARTED) {
                    List<Start> list = starts.computeIfAbsent(event.getCallId(), id -> new ArrayList<>());
                    synchronized (list) {
                        list.add(new Start(event.getExecutorId(), event.getAt()));
                    }
                    ran(event.getCallId(), event.getExecutorId(), event.getAttempt());
                }
            }
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            skipped++;
        }
    }

    private void ran(String callId, String executorId, int attempt) {
        executions.computeIfAbsent(callId, id -> ConcurrentHashMap.newKeySet()).add(executorId + "#" + attempt);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
