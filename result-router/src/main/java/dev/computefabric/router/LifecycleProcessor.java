package dev.computefabric.router;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every call, event and result of one call id through {@link CallLifecycle} and carries out its
 * {@link Decision}. All three source topics are co-partitioned on the call id, so the one task that owns
 * a call's partition sees all of its facts and its stores hold everything known about it.
 */
final class LifecycleProcessor implements Processor<String, SpecificRecord, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(LifecycleProcessor.class);

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CallStatus> statuses;
    private KeyValueStore<String, FuncResult> earlyResults;
    private Sensor droppedResults;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.statuses = context.getStateStore(RouterTopology.STATUS_STORE);
        this.earlyResults = context.getStateStore(RouterTopology.EARLY_RESULTS_STORE);
        this.droppedResults = RouterMetrics.droppedResults(context);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String callId = record.key();
        if (callId == null || record.value() == null) {
            log.warn("skipping a record without call id or value from {}", sourceTopic());
            return;
        }
        Known known = known(callId);
        Decision decision = decide(known, record.value());
        switch (decision.verdict()) {
            case APPLY -> apply(record, known, decision);
            case PARK -> earlyResults.put(callId, decision.earlyResult());
            case DROP -> {
                droppedResults.record();
                log.debug("dropped result for call {}: {}", callId, decision.reason());
            }
            case IGNORE -> log.debug("ignored {} for call {}: {}",
                    record.value().getSchema().getName(), callId, decision.reason());
        }
    }

    @Override
    public void close() {
        // Tasks move between threads and instances; a closed task must not leave its sensor behind.
        context.metrics().removeSensor(droppedResults);
    }

    private Known known(String callId) {
        CallStatus status = statuses.get(callId);
        // An early result only exists while the call is unknown, so the second read is rare.
        return status != null ? Known.status(status) : new Known(null, earlyResults.get(callId));
    }

    private Decision decide(Known known, SpecificRecord value) {
        if (value instanceof FuncCall call) {
            return CallLifecycle.onCall(known, call, sourceTopic());
        }
        if (value instanceof FuncResult result) {
            return CallLifecycle.onResult(known, result);
        }
        if (value instanceof CallEvent event) {
            return CallLifecycle.onEvent(known, event);
        }
        throw new IllegalStateException("the router's sources carry FuncCall, FuncResult and CallEvent, got "
                + value.getClass().getName() + " from " + sourceTopic());
    }

    private void apply(Record<String, SpecificRecord> record, Known known, Decision decision) {
        // Forward before storing: forwarding serializes at once, and if that fails (registry down) the
        // record is processed again after the thread is replaced. Stored first, the replay would find
        // the call terminal and drop its reply; forwarded first, the worst case is a repeated status.
        context.forward(record.withValue(decision.status()), RouterTopology.STATUS_SINK);
        if (decision.reply() != null) {
            context.forward(record.withValue(decision.reply()), RouterTopology.REPLY_SINK);
        }
        String callId = record.key();
        statuses.put(callId, decision.status());
        if (known.earlyResult() != null) {
            earlyResults.delete(callId);
        }
    }

    private String sourceTopic() {
        return context.recordMetadata().map(RecordMetadata::topic)
                .orElseThrow(() -> new IllegalStateException("no source topic: the processor only runs on input records"));
    }
}
