package dev.computefabric.router;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.router.cache.CacheProcessor;
import dev.computefabric.router.lifecycle.RouterMetrics;
import dev.computefabric.router.pipeline.PipelineProcessor;
import dev.computefabric.router.timers.TimerOptions;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.testing.TestCalls;
import dev.computefabric.testing.TestSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The router's topology in a {@link TopologyTestDriver}, with the real wire-format serdes against a
 * {@link TestSchemaRegistry} and the real Streams configuration. Inputs and outputs go through a
 * registry client of their own, so the router's client starts as cold as in production.
 *
 * <p>A test class declares {@code @RegisterExtension final RouterDriver router = new RouterDriver();} and gets
 * a fresh router, registry and state directory for every test; time moves only when the test moves it.
 */
final class RouterDriver implements BeforeEachCallback, AfterEachCallback {

    static final String ANY = Topics.CALLS_PREFIX + "any";
    /** One-second retention so the sweep is testable; the default tick and longest call lifetime. */
    static final TimerOptions TIMERS = new TimerOptions(
            TimerOptions.DEFAULT_TICK,
            Duration.ofSeconds(1),
            TimerOptions.DEFAULT_MAX_LIFETIME,
            TimerOptions.DEFAULT_STATUS_GRACE);

    private TestSchemaRegistry registry;
    private Path stateDir;
    private FabricSerdes serdes;
    private TopologyTestDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        registry = TestSchemaRegistry.start();
        stateDir = Files.createTempDirectory("router-test");
        serdes = new FabricSerdes(new SchemaRegistryClient(registry.url()));
        RouterOptions options = new RouterOptions(
                "unused:9092",
                registry.url(),
                RouterOptions.DEFAULT_APPLICATION_ID,
                stateDir,
                RouterOptions.DEFAULT_COMMIT_INTERVAL,
                RouterOptions.DEFAULT_PROCESSING_GUARANTEE,
                RouterOptions.DEFAULT_THREADS,
                RouterOptions.DEFAULT_CLOSE_TIMEOUT,
                RouterOptions.DEFAULT_SESSION_TIMEOUT,
                TIMERS);
        FabricSerdes routerSerdes = new FabricSerdes(new SchemaRegistryClient(registry.url()));
        driver = new TopologyTestDriver(
                RouterTopology.build(routerSerdes, TIMERS),
                RouterStreamsConfig.properties(options),
                TestCalls.SUBMITTED);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            driver.close();
            registry.close();
        } finally {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A call on the capability topic {@code fabric.calls.any}. */
    void call(FuncCall call) {
        call(ANY, call);
    }

    void call(String capabilityTopic, FuncCall call) {
        pipe(
                capabilityTopic,
                call.getCallId(),
                serdes.serializer(FuncCall.class).serialize(capabilityTopic, call));
    }

    /** A cacheable call on {@code fabric.cache.requests}, keyed by its cache key as the gateway writes it. */
    void cacheRequest(FuncCall call) {
        pipe(
                Topics.CACHE_REQUESTS,
                call.getCacheKey(),
                serdes.serializer(FuncCall.class).serialize(Topics.CACHE_REQUESTS, call));
    }

    /** How a cacheable call ended, on {@code fabric.cache.completions} as the lifecycle reports it. */
    void cacheCompletion(String cacheKey, FuncResult result) {
        pipe(
                Topics.CACHE_COMPLETIONS,
                cacheKey,
                serdes.serializer(FuncResult.class).serialize(Topics.CACHE_COMPLETIONS, result));
    }

    /**
     * The cache's entry for {@code cacheKey} gone, as a router restores it when it was killed before its last writes
     * reached the changelog: the records that made them are then read again, in any order across topics.
     */
    void loseCacheEntry(String cacheKey) {
        driver.getKeyValueStore(CacheProcessor.ENTRIES_STORE).delete(cacheKey);
    }

    /** The run of {@code pipelineId} gone, as {@link #loseCacheEntry} loses a cache entry. */
    void losePipelineRun(String pipelineId) {
        driver.getKeyValueStore(PipelineProcessor.STORE).delete(pipelineId);
    }

    /**
     * Results the router itself wrote to {@code fabric.results} (and read back): the cache's answers to hits and
     * waiters, the TIMED_OUT results of calls whose deadline passed.
     */
    List<FuncResult> answers() {
        return driver.createOutputTopic(Topics.RESULTS, new StringDeserializer(), serdes.deserializer(FuncResult.class))
                .readValuesToList();
    }

    /** Calls the router sent to a capability topic to be run. */
    List<FuncCall> calls(String capabilityTopic) {
        return driver.createOutputTopic(capabilityTopic, new StringDeserializer(), serdes.deserializer(FuncCall.class))
                .readValuesToList();
    }

    void result(FuncResult result) {
        pipe(
                Topics.RESULTS,
                result.getCallId(),
                serdes.serializer(FuncResult.class).serialize(Topics.RESULTS, result));
    }

    void event(CallEvent event) {
        pipe(
                Topics.EVENTS,
                event.getCallId(),
                serdes.serializer(CallEvent.class).serialize(Topics.EVENTS, event));
    }

    void cancel(String callId, long atMs) {
        ControlCommand command = ControlCommand.newBuilder()
                .setCallId(callId)
                .setType(ControlType.CANCEL)
                .setAt(Instant.ofEpochMilli(atMs))
                .setRequestedBy("tester")
                .build();
        pipe(Topics.CONTROL, callId, serdes.serializer(ControlCommand.class).serialize(Topics.CONTROL, command));
    }

    /** A pipeline on {@code fabric.pipelines}, as a gateway or a Kafka-native caller writes it. */
    void pipeline(Pipeline pipeline) {
        pipe(
                Topics.PIPELINES,
                pipeline.getPipelineId(),
                serdes.serializer(Pipeline.class).serialize(Topics.PIPELINES, pipeline));
    }

    /** A cancel of a pipeline on {@code fabric.pipelines.control}. */
    void cancelPipeline(String pipelineId) {
        ControlCommand command = ControlCommand.newBuilder()
                .setCallId(pipelineId)
                .setType(ControlType.CANCEL)
                .setAt(TestCalls.SUBMITTED)
                .setRequestedBy("tester")
                .build();
        pipe(
                Topics.PIPELINES_CONTROL,
                pipelineId,
                serdes.serializer(ControlCommand.class).serialize(Topics.PIPELINES_CONTROL, command));
    }

    /** Every pipeline status the router published so far (each read once). */
    List<PipelineStatus> pipelineStatuses() {
        return driver.createOutputTopic(
                        Topics.PIPELINES_STATUS, new StringDeserializer(), serdes.deserializer(PipelineStatus.class))
                .readValuesToList();
    }

    /** Cancels the router sent to {@code fabric.control}. */
    List<ControlCommand> cancels() {
        return driver.createOutputTopic(
                        Topics.CONTROL, new StringDeserializer(), serdes.deserializer(ControlCommand.class))
                .readValuesToList();
    }

    /** Moves the wall clock past the status grace and a tick: statuses held back so far are published. */
    void afterGrace() {
        advanceWallClock(TimerOptions.DEFAULT_STATUS_GRACE.plus(TimerOptions.DEFAULT_TICK));
    }

    /** Moves the wall clock the router's punctuator sees. */
    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Statuses including tombstones (null values) as records. */
    List<TestRecord<String, CallStatus>> statusRecords() {
        return driver.createOutputTopic(Topics.STATUS, new StringDeserializer(), serdes.deserializer(CallStatus.class))
                .readRecordsToList();
    }

    /** Writes raw bytes, e.g. a record a foreign producer got wrong, or one serialized earlier. */
    void pipe(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, value);
    }

    byte[] serialized(FuncCall call) {
        return serdes.serializer(FuncCall.class).serialize(ANY, call);
    }

    List<FuncResult> replies(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), serdes.deserializer(FuncResult.class))
                .readValuesToList();
    }

    List<CallStatus> statuses() {
        return driver.createOutputTopic(Topics.STATUS, new StringDeserializer(), serdes.deserializer(CallStatus.class))
                .readValuesToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(Topics.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** The router's dropped-results counter, summed over tasks. */
    double droppedResults() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(RouterMetrics.DROPPED_RESULTS_TOTAL))
                .filter(e -> e.getKey().group().equals("stream-" + RouterMetrics.SCOPE + "-metrics"))
                .map(Map.Entry::getValue)
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
                .sum();
    }

    void stopRegistry() {
        registry.close();
    }
}
