package dev.computefabric.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A producer's send as a {@link CompletableFuture}: the one adapter every publisher uses. */
public final class Sends {

    private Sends() {}

    /**
     * Sends {@code record}; the future completes when the broker acknowledged it (with the producer's
     * {@code acks}) and fails with the send's error. A send that throws before it is queued (the
     * serializer failed, say the schema registry is down, metadata did not arrive within
     * {@code max.block.ms}, or the producer is already closed) fails the future too, so callers handle one
     * path and nothing throws at them.
     */
    public static <K, V> CompletableFuture<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    acked.completeExceptionally(failure);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // Not only KafkaException: a closed producer throws IllegalStateException.
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
