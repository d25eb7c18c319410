package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.FuncResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this gateway's reply topic on one dedicated thread and hands every result to a sink. No consumer
 * group: the listener is assigned every partition and starts at the end, because replies are addressed to
 * the running gateway only. The start position is fixed before {@link #start()} returns, so no reply to a
 * call accepted afterwards can be skipped.
 */
public final class ReplyListener implements AutoCloseable {

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Attempts to read an unreadable reply before skipping it. The usual cause is a schema registry that
     * cannot be reached for a writer schema seen for the first time; that passes, and skipping would lose
     * the reply. A record that is really corrupt is skipped after these attempts.
     */
    static final int READ_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final org.apache.kafka.clients.consumer.Consumer<String, FuncResult> consumer;
    private final String topic;
    private final Consumer<FuncResult> sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean started;
    private TopicPartition failedPartition;
    private long failedOffset = -1;
    private int failedAttempts;

    public ReplyListener(org.apache.kafka.clients.consumer.Consumer<String, FuncResult> consumer, String topic,
                         Consumer<FuncResult> sink) {
        this.consumer = consumer;
        this.topic = topic;
        this.sink = sink;
        this.thread = new Thread(this::run, "gateway-replies");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition at its end, then starts reading. Call once the topic is ready. */
    public void start() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("reply topic " + topic + " has no partitions; create it before starting the listener");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // seekToEnd is lazy; position() resolves it now, before any call names this topic as its replyTo.
        assigned.forEach(consumer::position);
        started = true;
        thread.start();
        log.info("reading replies from {} ({} partitions)", topic, assigned.size());
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
            for (ConsumerRecord<String, FuncResult> record : consumer.poll(POLL_TIMEOUT)) {
                if (record.value() != null) {
                    deliver(record);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll to stop the loop; `running` is already false, so the loop ends.
            log.debug("reply listener on {} woken up to stop", topic);
        } catch (RecordDeserializationException e) {
            unreadable(e);
        } catch (KafkaException e) {
            log.error("reading replies from {} failed; retrying in {} ms", topic, ERROR_BACKOFF.toMillis(), e);
            backOff();
        }
    }

    /** Retries an unreadable record a few times (the poll resumes at it), then skips it. */
    private void unreadable(RecordDeserializationException e) {
        if (e.topicPartition().equals(failedPartition) && e.offset() == failedOffset) {
            failedAttempts++;
        } else {
            failedPartition = e.topicPartition();
            failedOffset = e.offset();
            failedAttempts = 1;
        }
        if (failedAttempts < READ_ATTEMPTS) {
            log.warn("cannot read the reply at {} offset {} (attempt {} of {}), retrying in {} ms: {}", failedPartition,
                    failedOffset, failedAttempts, READ_ATTEMPTS, ERROR_BACKOFF.toMillis(), e.getMessage());
            backOff();
            return;
        }
        log.error("skipping unreadable reply at {} offset {} after {} attempts; the call it answers will not complete"
                + " here: {}", failedPartition, failedOffset, failedAttempts, e.getMessage(), e);
        consumer.seek(failedPartition, failedOffset + 1);
    }

    private void deliver(ConsumerRecord<String, FuncResult> record) {
        try {
            sink.accept(record.value());
        } catch (RuntimeException e) {
            // One bad result must not stop the replies of every other call.
            log.error("handling the reply for call {} at {}-{} offset {} failed", record.key(), record.topic(),
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
        if (thread.isAlive()) {
            log.warn("reply listener on {} did not stop within {} ms", topic, STOP_TIMEOUT.toMillis());
        }
    }
}
