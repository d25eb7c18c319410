package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.gateway.calls.CallPublisher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes calls with a plain Kafka {@link Producer}. Not spring-kafka's {@code KafkaTemplate}: the core that
 * uses this is plain Java, and the template would add Spring types to it for nothing we use (no transactions,
 * no listener containers); {@code send} with a callback is already the asynchronous acknowledgement we need.
 */
public final class KafkaCallPublisher implements CallPublisher, AutoCloseable {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, FuncCall> producer;

    public KafkaCallPublisher(Producer<String, FuncCall> producer) {
        this.producer = producer;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String key, FuncCall call) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, call), (metadata, failure) -> {
                if (failure != null) {
                    acked.completeExceptionally(failure);
                } else {
                    acked.complete(null);
                }
            });
        } catch (KafkaException e) {
            // send() itself throws when serialization fails (registry down) or metadata did not arrive in max.block.ms.
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
