package dev.computefabric.schemas;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.avro.CacheEntry;
import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineRun;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.schemas.serde.PortableSchema;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The contract's value schemas: every record that travels as a top-level value on a fabric topic. They are
 * registered when the fabric is provisioned and when a gateway starts, so a client that looks a schema up by
 * subject (the record's full name) finds it before the first call was ever made.
 */
public final class ContractSchemas {

    /**
     * Every top-level value, in the order it is registered. Types that only travel inside these (ErrorInfo,
     * Table, TableRef, FunctionSpec, the enums) have no subject of their own.
     */
    public static final List<Class<? extends SpecificRecord>> VALUE_TYPES = List.of(
            FuncCall.class, // fabric.calls.<capset>, fabric.cache.requests, fabric.cache.accepted
            FuncResult.class, // fabric.results, reply topics, fabric.cache.completions
            CallEvent.class, // fabric.events
            CallStatus.class, // fabric.status
            ControlCommand.class, // fabric.control
            ExecutorStatus.class, // fabric.executors
            FunctionCatalog.class, // fabric.functions
            CacheEntry.class, // the router's cache-entries changelog
            ApiToken.class, // fabric.tokens
            Pipeline.class, // fabric.pipelines
            PipelineStatus.class, // fabric.pipelines.status
            PipelineRun.class); // the router's pipelines changelog

    private ContractSchemas() {}

    /** The schema of {@code type} as its {@code .avsc} states it (no Java-only properties). */
    public static Schema of(Class<? extends SpecificRecord> type) {
        return PortableSchema.of(SpecificRecords.schemaOf(type));
    }

    /** The subject a value type is registered under: its full name (Confluent's {@code RecordNameStrategy}). */
    public static String subjectOf(Class<? extends SpecificRecord> type) {
        return SpecificRecords.schemaOf(type).getFullName();
    }

    /**
     * Registers every value schema under its subject (idempotent) and returns the ids by subject. Fails with
     * the registry client's exception when the registry cannot be reached or refuses a schema.
     */
    public static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : VALUE_TYPES) {
            Schema schema = SpecificRecords.schemaOf(type);
            ids.put(schema.getFullName(), registry.register(schema.getFullName(), schema));
        }
        return ids;
    }
}
