package dev.computefabric.observability.tracing;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Puts the trace of the call the sending thread works on ({@link CallMdc}) on every record it sends that has none:
 * an executor's events and results carry their call's trace without the code that writes them knowing of traces.
 * {@code send()} runs interceptors on the caller's thread, which is what makes the MDC the right source.
 */
public final class TraceHeaderInterceptor implements ProducerInterceptor<Object, Object> {

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (record.headers().lastHeader(TraceParent.HEADER) == null) {
            CallMdc.trace().ifPresent(trace -> TraceHeaders.write(record.headers(), trace));
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
