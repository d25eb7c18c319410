package dev.computefabric.executor.kafka;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.executor.run.CallEvents;
import dev.computefabric.executor.run.ResultSink;
import dev.computefabric.kafka.Sends;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the executor writes to Kafka, through one idempotent producer: call events, results,
 * dead letters, presence and the function catalog. Each send returns a future that completes when the broker has
 * the record (or fails with why it has not); nothing here throws at the caller. Events and results go to the
 * partition number their call was read from ({@link CallPartitions}).
 */
public final class FabricPublisher implements CallEvents, ResultSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FabricPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final Encoders encoders;
    private final String executorId;
    private final CallPartitions partitions;

    public FabricPublisher(Producer<byte[], byte[]> producer, Encoders encoders, String executorId) {
        this(producer, encoders, executorId, new CallPartitions());
    }

    /** @param partitions where each call was read from: its events and result go to the same partition number */
    public FabricPublisher(
            Producer<byte[], byte[]> producer, Encoders encoders, String executorId, CallPartitions partitions) {
        this.producer = producer;
        this.encoders = encoders;
        this.executorId = executorId;
        this.partitions = partitions;
    }

    /** Emits {@code STARTED} to {@code fabric.events}; a lost event is logged, not retried. */
    @Override
    public void started(FuncCall call, Instant at) {
        event(call, CallEvent.newBuilder().setType(CallEventType.STARTED).setAt(at));
    }

    /** Emits {@code PROGRESS} to {@code fabric.events}; best effort like STARTED. */
    @Override
    public void progress(FuncCall call, Instant at, double fraction, String message) {
        event(
                call,
                CallEvent.newBuilder()
                        .setType(CallEventType.PROGRESS)
                        .setAt(at)
                        .setProgress(fraction)
                        .setMessage(message));
    }

    /** Emits {@code LOG} to {@code fabric.events}; best effort like PROGRESS. */
    @Override
    public void log(FuncCall call, Instant at, String line) {
        event(call, CallEvent.newBuilder().setType(CallEventType.LOG).setAt(at).setMessage(line));
    }

    private void event(FuncCall call, CallEvent.Builder builder) {
        CallEvent event = builder.setCallId(call.getCallId())
                .setExecutorId(executorId)
                .setAttempt(call.getAttempt())
                .build();
        sendToCallsPartition(
                        Topics.EVENTS, call.getCallId(), () -> encoders.events().serialize(Topics.EVENTS, event))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn(
                                "{} event for call {} was not written: {}",
                                event.getType(),
                                call.getCallId(),
                                error.toString());
                    }
                });
    }

    /** Sends {@code result} to {@code fabric.results}, on the partition its call was read from. */
    @Override
    public CompletableFuture<Void> publish(FuncResult result) {
        CompletableFuture<Void> sent = sendToCallsPartition(
                Topics.RESULTS, result.getCallId(), () -> encoders.results().serialize(Topics.RESULTS, result));
        if (Lifecycle.isTerminal(result.getState())) {
            // Forgotten once sent, not once acknowledged: a refused result is redelivered and remembered anew.
            partitions.forget(result.getCallId());
        }
        return sent;
    }

    /** Sends a ready-made dead letter (see {@code DeadLetters}). */
    public CompletableFuture<Void> deadLetter(ProducerRecord<byte[], byte[]> letter) {
        return send(letter);
    }

    public CompletableFuture<Void> status(ExecutorStatus status) {
        return send(Topics.EXECUTORS, executorId, () -> encoders.status().serialize(Topics.EXECUTORS, status));
    }

    /** Deletes this executor's presence record from the compacted {@code fabric.executors}. */
    public CompletableFuture<Void> statusTombstone() {
        return send(Topics.EXECUTORS, executorId, () -> null);
    }

    /** This node's functions to the compacted {@code fabric.functions}, keyed by executor id. */
    public CompletableFuture<Void> catalog(FunctionCatalog catalog) {
        return send(Topics.FUNCTIONS, executorId, () -> encoders.catalog().serialize(Topics.FUNCTIONS, catalog));
    }

    /** Deletes this executor's catalog from {@code fabric.functions}: it offers nothing any more. */
    public CompletableFuture<Void> catalogTombstone() {
        return send(Topics.FUNCTIONS, executorId, () -> null);
    }

    /** Waits until every record sent so far has been acknowledged or has failed. */
    public void flush() {
        producer.flush();
    }

    private CompletableFuture<Void> send(String topic, String key, Supplier<byte[]> value) {
        return send(topic, null, key, value);
    }

    /**
     * To the partition number the call {@code callId} was read from, so the router finds call and result in one
     * task; to the key's hash when that partition is unknown here or {@code topic} has fewer partitions (a
     * capability topic not co-partitioned, against the provisioning rules).
     */
    private CompletableFuture<Void> sendToCallsPartition(String topic, String callId, Supplier<byte[]> value) {
        OptionalInt partition = partitions.of(callId);
        Integer target = null;
        if (partition.isPresent()) {
            int count = partitionCount(topic);
            if (partition.getAsInt() < count) {
                target = partition.getAsInt();
            } else {
                log.warn(
                        "call {} came from partition {} but {} has {} partitions: sending by key; capability topics"
                                + " must have as many partitions as {}",
                        callId,
                        partition.getAsInt(),
                        topic,
                        count,
                        Topics.RESULTS);
            }
        }
        return send(topic, target, callId, value);
    }

    private int partitionCount(String topic) {
        try {
            return producer.partitionsFor(topic).size();
        } catch (RuntimeException e) {
            // No metadata (yet): the send itself will report the problem; a known partition is still the best guess.
            return Integer.MAX_VALUE;
        }
    }

    private CompletableFuture<Void> send(String topic, Integer partition, String key, Supplier<byte[]> value) {
        try {
            return send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value.get()));
        } catch (RuntimeException e) {
            // Encoding failed, e.g. the schema registry is unreachable for a first registration.
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        return Sends.send(producer, record).thenApply(acked -> null);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
