package dev.computefabric.executor;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.CallTopics;
import dev.computefabric.executor.dispatch.DispatchOptions;
import dev.computefabric.executor.dispatch.Dispatcher;
import dev.computefabric.executor.dispatch.SchemaLookup;
import dev.computefabric.executor.dispatch.classic.ClassicDispatcher;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.kafka.Encoders;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.kafka.KafkaProps;
import dev.computefabric.executor.presence.NodeDescription;
import dev.computefabric.executor.presence.Presence;
import dev.computefabric.executor.run.CallRunner;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    /** Wires the node to the given clients; {@link #create} is the production entry. */
    ExecutorNode(ExecutorOptions options, FunctionRegistry functions, Clock clock, Producer<byte[], byte[]> producer,
             Consumer<byte[], byte[]> consumer, Encoders encoders, SchemaLookup schemas, FabricTables tables) {
        this.options = options;
        this.tables = tables;
        this.publisher = new FabricPublisher(producer, encoders, options.executorId());
        Slots slots = new Slots(options.slots());
        this.workers = new WorkerPool(new CallRunner(options.executorId(), functions, tables, publisher, clock), slots, publisher);
        this.dispatcher = new ClassicDispatcher(consumer, CallTopics.pattern(options.capabilities()), new CallDecoder(schemas),
                slots, workers, publisher, options.executorId(),
                DispatchOptions.defaults().withDrainTimeout(options.drainTimeout()), clock);
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
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaProps.callsConsumer(options));
        return new ExecutorNode(options, functions, clock, producer, consumer, Encoders.of(serdes),
                SchemaLookup.of(serdes.registry()), tables);
    }

    /** Runs on the calling thread until {@link #requestStop()} has drained the node; then closes everything. */
    public void run(Runnable onReady) {
        log.info("executor {} starting: capabilities {}, {} slots, group {}, table storage {}", options.executorId(),
                options.capabilities().asSet(), options.slots(), options.group(),
                options.tableStorage().map(s3 -> s3.endpoint().toString()).orElse("none (inline tables only)"));
        try {
            presence.start();
            dispatcher.run(onReady);
        } finally {
            presence.stop(CLOSE_TIMEOUT);
            publisher.close(CLOSE_TIMEOUT);
            workers.close();
            tables.close();
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

    private static void registerSchemas(SchemaRegistryClient registry) {
        // The serializers register on first use; doing it now turns an unreachable registry into a start failure.
        for (Class<? extends org.apache.avro.specific.SpecificRecord> type : List.of(CallEvent.class, FuncResult.class, ExecutorStatus.class)) {
            Schema schema = SpecificRecords.schemaOf(type);
            registry.register(schema.getFullName(), schema);
        }
    }
}
