package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.gateway.calls.CallPublisher;
import dev.computefabric.kafka.Sends;
import dev.computefabric.observability.tracing.TraceHeaders;
import dev.computefabric.observability.tracing.TraceParent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

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
        return Sends.send(producer, new ProducerRecord<>(topic, key, call)).thenApply(acked -> null);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String key, FuncCall call, Optional<TraceParent> trace) {
        ProducerRecord<String, FuncCall> record = new ProducerRecord<>(topic, key, call);
        trace.ifPresent(t -> TraceHeaders.write(record.headers(), t));
        return Sends.send(producer, record).thenApply(acked -> null);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
