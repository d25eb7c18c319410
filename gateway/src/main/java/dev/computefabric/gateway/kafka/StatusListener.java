package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.CallStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code fabric.status} topic from its beginning on one thread and hands every record
 * (tombstones included, as null) to a sink. No consumer group: every gateway reads every partition, so each
 * holds its own view of every call. Reading from the beginning means a gateway started after a call was
 * accepted (or restarted) still knows it; compaction and the router's retention tombstones bound the replay.
 */
public final class StatusListener implements AutoCloseable {

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** A status unreadable this many times in a row is skipped: the call's next status replaces it anyway. */
    static final int READ_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(StatusListener.class);

    private final Consumer<String, CallStatus> consumer;
    private final String topic;
    private final BiConsumer<String, CallStatus> sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean started;
    private TopicPartition failedPartition;
    private long failedOffset = -1;
    private int failedAttempts;

    public StatusListener(Consumer<String, CallStatus> consumer, String topic, BiConsumer<String, CallStatus> sink) {
        this.consumer = consumer;
        this.topic = topic;
        this.sink = sink;
        this.thread = new Thread(this::run, "gateway-status");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("status topic " + topic + " has no partitions; provision the fabric topics first");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        started = true;
        thread.start();
        log.info("following {} ({} partitions) from the beginning", topic, assigned.size());
    }

    private void run() {
        try {
            while (running) {
                pollOnce();
            }
        } finally {
            consumer.close();
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, CallStatus> record : consumer.poll(POLL_TIMEOUT)) {
                deliver(record);
            }
        } catch (WakeupException e) {
            log.debug("status listener woken up to stop");
        } catch (RecordDeserializationException e) {
            unreadable(e);
        } catch (KafkaException e) {
            log.error("reading {} failed; retrying in {} ms", topic, ERROR_BACKOFF.toMillis(), e);
            backOff();
        }
    }

    private void unreadable(RecordDeserializationException e) {
        if (e.topicPartition().equals(failedPartition) && e.offset() == failedOffset) {
            failedAttempts++;
        } else {
            failedPartition = e.topicPartition();
            failedOffset = e.offset();
            failedAttempts = 1;
        }
        if (failedAttempts < READ_ATTEMPTS) {
            log.warn("cannot read the status at {} offset {} (attempt {} of {}): {}", failedPartition, failedOffset,
                    failedAttempts, READ_ATTEMPTS, e.getMessage());
            backOff();
            return;
        }
        log.error("skipping unreadable status at {} offset {}: {}", failedPartition, failedOffset, e.getMessage(), e);
        consumer.seek(failedPartition, failedOffset + 1);
    }

    private void deliver(ConsumerRecord<String, CallStatus> record) {
        if (record.key() == null) {
            return;
        }
        try {
            sink.accept(record.key(), record.value());
        } catch (RuntimeException e) {
            log.error("handling the status of call {} at {}-{} offset {} failed", record.key(), record.topic(),
                    record.partition(), record.offset(), e);
        }
    }

    private void backOff() {
        try {
            Thread.sleep(ERROR_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
