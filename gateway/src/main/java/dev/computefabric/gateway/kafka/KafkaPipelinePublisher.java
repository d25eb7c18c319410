package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.Pipeline;
import dev.computefabric.gateway.pipelines.PipelinePublisher;
import dev.computefabric.kafka.Sends;
import dev.computefabric.observability.tracing.TraceHeaders;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.schemas.Topics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes pipelines to {@code fabric.pipelines}, keyed by pipeline id, with the same producer settings as calls. */
public final class KafkaPipelinePublisher implements PipelinePublisher, AutoCloseable {

    private final Producer<String, Pipeline> producer;

    public KafkaPipelinePublisher(Producer<String, Pipeline> producer) {
        this.producer = producer;
    }

    @Override
    public CompletableFuture<Void> publish(Pipeline pipeline, Optional<TraceParent> trace) {
        ProducerRecord<String, Pipeline> record =
                new ProducerRecord<>(Topics.PIPELINES, pipeline.getPipelineId(), pipeline);
        trace.ifPresent(t -> TraceHeaders.write(record.headers(), t));
        return Sends.send(producer, record).thenApply(acked -> null);
    }

    @Override
    public void close() {
        producer.close(KafkaCallPublisher.CLOSE_TIMEOUT);
    }
}
