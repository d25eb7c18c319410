package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.observability.tracing.TraceParent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Writes calls to Kafka. */
@FunctionalInterface
public interface CallPublisher {

    /**
     * Produces {@code call} under {@code key}. The future completes once the broker acknowledged the
     * write to all in-sync replicas, or fails with what the client reported.
     */
    CompletableFuture<Void> publish(String topic, String key, FuncCall call);

    /** Produces {@code call} carrying {@code trace} (a {@code traceparent} header); the plain publish by default. */
    default CompletableFuture<Void> publish(String topic, String key, FuncCall call, Optional<TraceParent> trace) {
        return publish(topic, key, call);
    }

    /** Produces {@code call} keyed by its call id, as every topic keyed by call id needs it. */
    default CompletableFuture<Void> publish(String topic, FuncCall call) {
        return publish(topic, call.getCallId(), call);
    }
}
