package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import java.util.concurrent.CompletableFuture;

/** Writes calls to Kafka. */
@FunctionalInterface
public interface CallPublisher {

    /**
     * Produces {@code call} keyed by its call id. The future completes once the broker acknowledged the
     * write to all in-sync replicas, or fails with what the client reported.
     */
    CompletableFuture<Void> publish(String topic, FuncCall call);
}
