package dev.computefabric.executor.control;

import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code fabric.control}: every executor reads every record, so the consumer is assigned every
 * partition (no group) and starts at the end. A CANCEL goes to {@link CancelRegistry}. Records it cannot
 * decode are logged and skipped: a bad command must not stop the node from hearing the next one.
 */
public final class ControlListener implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final Function<byte[], ControlCommand> decoder;
    private final CancelRegistry cancels;
    private volatile boolean stopped;

    public ControlListener(
            Consumer<byte[], byte[]> consumer, Function<byte[], ControlCommand> decoder, CancelRegistry cancels) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.cancels = cancels;
    }

    /** Assigns every partition of {@code fabric.control} at its end; call before the node takes calls. */
    public void assignAtEnd() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTROL).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (WakeupException | InterruptException e) {
            log.debug("control listener stopped");
        } catch (RuntimeException e) {
            log.error("control listener failed; CANCELs are no longer heard", e);
        } finally {
            consumer.close();
        }
    }

    void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ControlCommand command;
        try {
            command = decoder.apply(record.value());
        } catch (RuntimeException e) {
            log.warn(
                    "skipping undecodable control record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return;
        }
        if (command.getType() == ControlType.CANCEL) {
            log.info("cancel of call {} requested: {}", command.getCallId(), command.getReason());
            cancels.cancel(
                    command.getCallId(),
                    command.getReason() == null ? "cancelled" : "cancelled: " + command.getReason());
        }
    }

    public void stop() {
        stopped = true;
        consumer.wakeup();
    }
}
