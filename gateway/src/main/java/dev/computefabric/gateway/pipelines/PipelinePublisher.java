package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.Pipeline;
import dev.computefabric.observability.tracing.TraceParent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Writes pipelines to {@code fabric.pipelines}, keyed by pipeline id. */
@FunctionalInterface
public interface PipelinePublisher {

    /** Completes once the broker acknowledged the write to all in-sync replicas, or fails with what the client said. */
    CompletableFuture<Void> publish(Pipeline pipeline, Optional<TraceParent> trace);
}
