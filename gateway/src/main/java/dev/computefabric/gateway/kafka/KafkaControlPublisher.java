package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.ControlCommand;
import dev.computefabric.gateway.calls.ControlPublisher;
import dev.computefabric.kafka.Sends;
import dev.computefabric.schemas.Topics;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes control commands to {@code fabric.control}, keyed by call id, on the partition of their call; and, through
 * {@link #to(String)}, to another control topic on the same producer ({@code fabric.pipelines.control}).
 */
public final class KafkaControlPublisher implements ControlPublisher, AutoCloseable {

    private final Producer<String, ControlCommand> producer;

    public KafkaControlPublisher(Producer<String, ControlCommand> producer) {
        this.producer = producer;
    }

    @Override
    public CompletableFuture<Void> publish(ControlCommand command, OptionalInt partition) {
        return to(Topics.CONTROL).publish(command, partition);
    }

    /** Publishes to {@code topic}, keyed by the command's call id (a pipeline's id on the pipelines' topic). */
    public ControlPublisher to(String topic) {
        return (command, partition) -> {
            Integer target = partition.isPresent() ? partition.getAsInt() : null;
            return Sends.send(producer, new ProducerRecord<>(topic, target, command.getCallId(), command))
                    .thenApply(acked -> null);
        };
    }

    @Override
    public void close() {
        producer.close(KafkaCallPublisher.CLOSE_TIMEOUT);
    }
}
