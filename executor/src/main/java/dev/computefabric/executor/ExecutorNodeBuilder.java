package dev.computefabric.executor;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.executor.control.CancelRegistry;
import dev.computefabric.executor.control.ControlListener;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.DispatchOptions;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.dispatch.NodeParts;
import dev.computefabric.executor.dispatch.SchemaLookup;
import dev.computefabric.executor.dispatch.classic.ClassicDispatcher;
import dev.computefabric.executor.dispatch.share.AdminCluster;
import dev.computefabric.executor.dispatch.share.ShareDispatchOptions;
import dev.computefabric.executor.dispatch.share.ShareDispatcher;
import dev.computefabric.executor.dispatch.share.ShareGroups;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.NodeFunctions;
import dev.computefabric.executor.kafka.CallPartitions;
import dev.computefabric.executor.kafka.Encoders;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.kafka.KafkaProps;
import dev.computefabric.executor.load.HostLoad;
import dev.computefabric.executor.presence.CatalogAnnouncer;
import dev.computefabric.executor.presence.NodeDescription;
import dev.computefabric.executor.presence.Presence;
import dev.computefabric.executor.run.CallRunner;
import dev.computefabric.executor.run.CallSupervisor;
import dev.computefabric.executor.run.DeferredStarts;
import dev.computefabric.executor.run.RetryingRunner;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.executor.telemetry.ExecutorTelemetry;
import dev.computefabric.executor.telemetry.TracedCalls;
import dev.computefabric.observability.health.Health;
import dev.computefabric.observability.tracing.TraceHeaderInterceptor;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Assembles an {@link ExecutorNode}: what it runs and by which clock are the caller's to say, everything else
 * follows from the {@link ExecutorOptions}. {@link #build} connects to Kafka, the schema registry and table
 * storage.
 */
public final class ExecutorNodeBuilder {

    private final ExecutorOptions options;
    private NodeFunctions functions = NodeFunctions.of(FunctionRegistry.builtins());
    private Clock clock = Clock.systemUTC();
    private List<AutoCloseable> resources = List.of();
    private ExecutorTelemetry telemetry = ExecutorTelemetry.off();
    private Health health = new Health();

    ExecutorNodeBuilder(ExecutorOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options are required");
        }
        this.options = options;
    }

    /** The functions the node runs, a fixed set; the built-ins unless set. */
    public ExecutorNodeBuilder functions(FunctionRegistry functions) {
        if (functions == null) {
            throw new IllegalArgumentException("functions are required");
        }
        return functions(NodeFunctions.of(functions));
    }

    /** The functions the node runs, which may change while it runs (scripts); it announces every change. */
    public ExecutorNodeBuilder functions(NodeFunctions functions) {
        if (functions == null) {
            throw new IllegalArgumentException("functions are required");
        }
        this.functions = functions;
        return this;
    }

    /** What the node closes once it has stopped, after its own parts: class loaders of jars, a folder watcher. */
    public ExecutorNodeBuilder closeAfterRun(List<AutoCloseable> resources) {
        this.resources = List.copyOf(resources);
        return this;
    }

    /** The clock of deadlines, retries, lock renewals and presence; the system's unless set. */
    public ExecutorNodeBuilder clock(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        this.clock = clock;
        return this;
    }

    /** Metrics and spans of the node's runs; trace contexts travel and logs name calls even without. */
    public ExecutorNodeBuilder telemetry(ExecutorTelemetry telemetry) {
        if (telemetry == null) {
            throw new IllegalArgumentException("telemetry is required");
        }
        this.telemetry = telemetry;
        return this;
    }

    /** Where the node adds its readiness checks (its presence written); the caller serves the probes. */
    public ExecutorNodeBuilder health(Health health) {
        if (health == null) {
            throw new IllegalArgumentException("health is required");
        }
        this.health = health;
        return this;
    }

    /**
     * Connects and wires the node. Fails at once, saying which, when the schema registry cannot be reached:
     * without it no result could be written.
     */
    public ExecutorNode build() {
        FabricSerdes serdes = FabricSerdes.forRegistry(options.registry());
        registerSchemas(serdes.registry());
        FabricTables tables = options.tableStorage()
                .map(s3 -> FabricTables.stored(s3, options.inlineLimitBytes()))
                .orElseGet(() -> FabricTables.inlineOnly(options.inlineLimitBytes()));
        Properties producer = KafkaProps.producer(options);
        // Events and results carry the trace of the call the worker thread runs (see TracedCalls).
        producer.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, TraceHeaderInterceptor.class.getName());
        // Where each call was read from: its events and result go to the same partition (the router's join).
        CallPartitions partitions = new CallPartitions();
        FabricPublisher publisher = new FabricPublisher(
                new KafkaProducer<>(producer), Encoders.of(serdes), options.executorId(), partitions);
        CancelRegistry cancels = CancelRegistry.defaults(clock);
        Slots slots = new Slots(options.slots());
        telemetry.slots(slots);
        // Traced first: the run's MDC, span and queue-wait metric from its start, whether or not the (deferred)
        // STARTED event is ever sent.
        DeferredStarts starts = new DeferredStarts(publisher, DeferredStarts.DEFAULT_GRACE);
        TracedCalls traced = telemetry.traced(starts, publisher);
        CallRunner runner = new CallRunner(options.executorId(), functions, telemetry.tables(tables), traced, clock);
        WorkerPool workers = new WorkerPool(
                slots, new CallSupervisor(new RetryingRunner(runner, options.retry()), cancels, clock), traced);
        CallDecoder decoder = new CallDecoder(SchemaLookup.of(serdes.registry()), partitions, telemetry.headers());
        NodeParts parts = new NodeParts(
                options.executorId(), options.capabilities(), decoder, slots, workers, publisher, overloaded(), clock);
        var commands = serdes.deserializer(ControlCommand.class);
        ControlListener control = new ControlListener(
                new KafkaConsumer<>(KafkaProps.controlConsumer(options)),
                bytes -> commands.deserialize(Topics.CONTROL, bytes),
                cancels);
        NodeDescription description = new NodeDescription(
                options.executorId(),
                ExecutorOptions.hostName(),
                BuildInfo.version(),
                options.capabilities(),
                options.slots());
        Presence presence = new Presence(publisher, description, functions, slots, clock, options.presenceInterval());
        health.ready("presence", presence::problem);
        CatalogAnnouncer catalog = new CatalogAnnouncer(
                publisher, options.executorId(), options.capabilities(), functions, clock, options.presenceInterval());
        // The producer first, flushing what the drain settled; then the workers, so a call that ignored its
        // interrupt can no longer publish (its record runs again elsewhere); then table storage.
        List<AutoCloseable> closeAfterRun = new java.util.ArrayList<>(
                List.of(starts, () -> publisher.close(ExecutorNode.CLOSE_TIMEOUT), workers, tables));
        closeAfterRun.addAll(resources);
        return new ExecutorNode(options, control, presence, catalog, dispatcher(parts), closeAfterRun);
    }

    private Dispatcher dispatcher(NodeParts parts) {
        if (options.dispatch() == DispatchMode.CLASSIC) {
            return new ClassicDispatcher(
                    new KafkaConsumer<>(KafkaProps.callsConsumer(options)),
                    parts,
                    DispatchOptions.defaults().withDrainTimeout(options.drainTimeout()));
        }
        Admin admin = Admin.create(KafkaProps.admin(options));
        boolean everyPartition = ShareGroups.everyPartitionToEveryMember(admin, AdminCluster.ADMIN_TIMEOUT);
        AdminCluster cluster = new AdminCluster(
                admin,
                options.group(),
                (lane, topic) ->
                        new KafkaShareConsumer<>(KafkaProps.shareConsumer(options, lane, topic, everyPartition)));
        return new ShareDispatcher(
                cluster, parts, ShareDispatchOptions.defaults().with(options.maxDeliveries(), options.drainTimeout()));
    }

    private BooleanSupplier overloaded() {
        HostLoad load = HostLoad.system(options.load(), clock);
        return () -> load.overloaded().isPresent();
    }

    private static void registerSchemas(SchemaRegistryClient registry) {
        // The serializers register on first use; doing it now turns an unreachable registry into a start failure.
        for (Class<? extends SpecificRecord> type :
                List.of(CallEvent.class, FuncResult.class, ExecutorStatus.class, FunctionCatalog.class)) {
            Schema schema = SpecificRecords.schemaOf(type);
            registry.register(schema.getFullName(), schema);
        }
    }
}
