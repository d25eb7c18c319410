package dev.computefabric.executor.kafka;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.schemas.serde.FabricSerdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How the executor's outgoing values become bytes. One producer of {@code byte[]} carries every topic, so
 * encoding happens here, per value type; tests swap in encoders that need no schema registry.
 */
public record Encoders(
        Serializer<CallEvent> events,
        Serializer<FuncResult> results,
        Serializer<ExecutorStatus> status,
        Serializer<FunctionCatalog> catalog) {

    public Encoders {
        if (events == null || results == null || status == null || catalog == null) {
            throw new IllegalArgumentException("encoders for events, results, status and catalog are all required");
        }
    }

    /** Confluent wire format against the fabric's schema registry. */
    public static Encoders of(FabricSerdes serdes) {
        return new Encoders(
                serdes.serializer(CallEvent.class),
                serdes.serializer(FuncResult.class),
                serdes.serializer(ExecutorStatus.class),
                serdes.serializer(FunctionCatalog.class));
    }
}
