package dev.computefabric.executor;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.control.CancelRegistry;
import dev.computefabric.executor.control.ControlListener;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.DispatchOptions;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.dispatch.SchemaLookup;
import dev.computefabric.executor.dispatch.ServedTopics;
import dev.computefabric.executor.dispatch.classic.ClassicDispatcher;
import dev.computefabric.executor.dispatch.share.ShareDispatchOptions;
import dev.computefabric.executor.dispatch.share.ShareDispatcher;
import dev.computefabric.executor.dispatch.share.ShareGroups;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.kafka.Encoders;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.kafka.KafkaProps;
import dev.computefabric.executor.load.HostLoad;
import dev.computefabric.executor.presence.NodeDescription;
import dev.computefabric.executor.presence.Presence;
import dev.computefabric.executor.run.CallRunner;
import dev.computefabric.executor.run.CallSupervisor;
import dev.computefabric.executor.run.RetryingRunner;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A compute node, assembled: dispatcher, workers, publisher, table access and presence, with their lifecycle. */
public final class ExecutorNode {

    private static final Logger log = LoggerFactory.getLogger(ExecutorNode.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorOptions options;
    private final FabricPublisher publisher;
    private final FabricTables tables;
    private final WorkerPool workers;
    private final Dispatcher dispatcher;
    private final Presence presence;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AutoCloseable extra;
    private final ControlListener control;

    /** Builds the dispatcher from the node's parts: classic or share-group. */
    @FunctionalInterface
    interface DispatcherFactory {
        Dispatcher create(CallDecoder decoder, Slots slots, WorkerPool workers, FabricPublisher publisher);
    }

    /** Wires the node to the given clients; {@link #create} is the production entry. */
    ExecutorNode(ExecutorOptions options, FunctionRegistry functions, Clock clock, Producer<byte[], byte[]> producer,
                 DispatcherFactory dispatchers, Encoders encoders, SchemaLookup schemas, FabricTables tables,
                 AutoCloseable extra, CancelRegistry cancels, ControlListener control) {
        this.options = options;
        this.control = control;
        this.tables = tables;
        this.extra = extra;
        this.publisher = new FabricPublisher(producer, encoders, options.executorId());
        Slots slots = new Slots(options.slots());
        CallRunner runner = new CallRunner(options.executorId(), functions, tables, publisher, clock);
        this.workers = new WorkerPool(slots, new CallSupervisor(new RetryingRunner(runner, options.retry()), cancels, clock), publisher);
        this.dispatcher = dispatchers.create(new CallDecoder(schemas), slots, workers, publisher);
        NodeDescription node = new NodeDescription(options.executorId(), ExecutorOptions.hostName(), BuildInfo.version(),
                options.capabilities(), functions.names(), options.slots());
        this.presence = new Presence(publisher, node, slots, clock, options.presenceInterval());
    }

    /**
     * Connects to Kafka, the schema registry and table storage. Fails at once, saying which, when the
     * registry cannot be reached: without it no result could be written.
     */
    public static ExecutorNode create(ExecutorOptions options, FunctionRegistry functions, Clock clock) {
        FabricSerdes serdes = FabricSerdes.forRegistry(options.registry());
        registerSchemas(serdes.registry());
        FabricTables tables = options.tableStorage()
                .map(s3 -> FabricTables.stored(s3, options.inlineLimitBytes()))
                .orElseGet(() -> FabricTables.inlineOnly(options.inlineLimitBytes()));
        Producer<byte[], byte[]> producer = new KafkaProducer<>(KafkaProps.producer(options));
        Admin admin = options.dispatch() == DispatchMode.SHARE ? Admin.create(KafkaProps.admin(options)) : null;
        DispatcherFactory dispatchers = options.dispatch() == DispatchMode.SHARE
                ? shareDispatch(options, clock, admin)
                : (decoder, slots, workers, publisher) -> new ClassicDispatcher(new KafkaConsumer<>(KafkaProps.callsConsumer(options)),
                        ServedTopics.pattern(options.capabilities()), decoder, slots, workers, publisher, options.executorId(),
                        DispatchOptions.defaults().withDrainTimeout(options.drainTimeout()), clock,
                        hostLoad(options, clock));
        CancelRegistry cancels = CancelRegistry.defaults(clock);
        var commands = serdes.deserializer(ControlCommand.class);
        ControlListener control = new ControlListener(new KafkaConsumer<>(KafkaProps.controlConsumer(options)),
                bytes -> commands.deserialize(Topics.CONTROL, bytes), cancels);
        return new ExecutorNode(options, functions, clock, producer, dispatchers, Encoders.of(serdes),
                SchemaLookup.of(serdes.registry()), tables, admin, cancels, control);
    }

    private static java.util.function.BooleanSupplier hostLoad(ExecutorOptions options, Clock clock) {
        HostLoad load = HostLoad.system(options.load(), clock);
        return () -> load.overloaded().isPresent();
    }

    private static DispatcherFactory shareDispatch(ExecutorOptions options, Clock clock, Admin admin) {
        Duration adminTimeout = Duration.ofSeconds(10);
        ShareDispatcher.Cluster cluster = new ShareDispatcher.Cluster() {
            @Override
            public Set<String> listTopics() {
                try {
                    return admin.listTopics().names().get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while listing topics", e);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot list topics: " + e, e);
                }
            }

            @Override
            public void prepareGroup() {
                ShareGroups.startFromEarliest(admin, options.group(), adminTimeout);
            }
        };
        ShareDispatchOptions shareOptions = ShareDispatchOptions.defaults().with(options.maxDeliveries(), options.drainTimeout());
        return (decoder, slots, workers, publisher) -> new ShareDispatcher(
                lane -> new KafkaShareConsumer<>(KafkaProps.shareConsumer(options, lane)), cluster, options.capabilities(),
                decoder, slots, workers, publisher, HostLoad.system(options.load(), clock), options.executorId(), shareOptions, clock);
    }

    /** Runs on the calling thread until {@link #requestStop()} has drained the node; then closes everything. */
    public void run(Runnable onReady) {
        log.info("executor {} starting: capabilities {}, {} slots, {} dispatch, group {}, table storage {}", options.executorId(),
                options.capabilities().asSet(), options.slots(), options.dispatch().name().toLowerCase(java.util.Locale.ROOT), options.group(),
                options.tableStorage().map(s3 -> s3.endpoint().toString()).orElse("none (inline tables only)"));
        try {
            // Before any call is taken: a CANCEL sent from now on is heard.
            control.assignAtEnd();
            Thread listener = new Thread(control, "executor-control");
            listener.setDaemon(true);
            listener.start();
            presence.start();
            dispatcher.run(onReady);
        } finally {
            control.stop();
            presence.stop(CLOSE_TIMEOUT);
            publisher.close(CLOSE_TIMEOUT);
            workers.close();
            tables.close();
            closeQuietly(extra);
            log.info("executor {} stopped", options.executorId());
            stopped.countDown();
        }
    }

    /** Starts a graceful stop: no new calls, running ones get the drain timeout. Returns at once. */
    public void requestStop() {
        dispatcher.requestStop();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", closeable, e.toString());
        }
    }

    private static void registerSchemas(SchemaRegistryClient registry) {
        // The serializers register on first use; doing it now turns an unreachable registry into a start failure.
        for (Class<? extends org.apache.avro.specific.SpecificRecord> type : List.of(CallEvent.class, FuncResult.class, ExecutorStatus.class)) {
            Schema schema = SpecificRecords.schemaOf(type);
            registry.register(schema.getFullName(), schema);
        }
    }
}
