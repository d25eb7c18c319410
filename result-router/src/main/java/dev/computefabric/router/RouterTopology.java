package dev.computefabric.router;

import dev.computefabric.avro.CacheEntry;
import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineRun;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.router.cache.CacheProcessor;
import dev.computefabric.router.lifecycle.CallObserver;
import dev.computefabric.router.lifecycle.LifecycleProcessor;
import dev.computefabric.router.lifecycle.OwnResult;
import dev.computefabric.router.lifecycle.Reply;
import dev.computefabric.router.pipeline.PipelineProcessor;
import dev.computefabric.router.pipeline.StepTopics;
import dev.computefabric.router.timers.TimerOptions;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.state.Stores;

/**
 * The router as a topology, a pure function of its serdes and timer options:
 *
 * <pre>
 * fabric.calls.* ───────┐
 * fabric.cache.accepted ┤
 * fabric.results ───────┼─▶ lifecycle [call-status, early-results, timers] ─┬─▶ fabric.status
 * fabric.events ────────┤                                                  ├─▶ reply topic named by the call (replyTo)
 * fabric.control ───────┘   + punctuator: deadlines → TIMED_OUT, retention ├─▶ fabric.cache.completions (cacheable calls)
 *                                                                          └─▶ fabric.pipelines.steps (steps' calls)
 *
 * fabric.cache.requests ────┬─▶ cache [cache-entries, cache-timers] ─┬─▶ fabric.cache.accepted (every call: tracked)
 * fabric.cache.completions ─┘   keyed by cache key                   ├─▶ fabric.calls.&lt;capset&gt; (misses: run)
 *                                                                    └─▶ fabric.results (hits, waiters: answered)
 *
 * fabric.pipelines ─────────┐                                        ┌─▶ fabric.calls.&lt;capset&gt; (steps: run)
 * fabric.pipelines.control ─┼─▶ pipelines [pipelines, timers] ──────┼─▶ fabric.cache.accepted (sameNode steps: followed)
 *                           │                                        ├─▶ fabric.control (steps: cancelled)
 * fabric.pipelines.steps ───┘   keyed by pipeline id                ├─▶ fabric.pipelines.status
 *   (from the lifecycle: a step call ended)                         └─▶ reply topic named by the pipeline
 * </pre>
 *
 * Built with the Processor API rather than KTable joins: the facts of a call arrive on five topics in any order
 * and may repeat, and the rules for that live in one place ({@code CallLifecycle}) instead of in join semantics.
 * Each processor names the stores it reads and the children it forwards to; this class wires them.
 */
public final class RouterTopology {

    public static final String CALLS_SOURCE = "calls";
    public static final String CACHE_ACCEPTED_SOURCE = "cache-accepted";
    public static final String RESULTS_SOURCE = "results";
    public static final String EVENTS_SOURCE = "events";
    public static final String CONTROL_SOURCE = "control";
    public static final String LIFECYCLE = "lifecycle";

    public static final String CACHE_REQUESTS_SOURCE = "cache-requests";
    public static final String CACHE_COMPLETIONS_SOURCE = "cache-completions-in";
    public static final String CACHE = "cache";

    public static final String PIPELINES_SOURCE = "pipelines-in";
    public static final String PIPELINE_CONTROL_SOURCE = "pipeline-control";
    public static final String PIPELINE_STEPS_SOURCE = "pipeline-steps-in";
    public static final String PIPELINES = "pipelines";

    private RouterTopology() {}

    public static Topology build(FabricSerdes serdes, TimerOptions timers) {
        return build(serdes, timers, CallObserver.NONE);
    }

    /** The topology, telling {@code observer} what the lifecycle does (the router's metrics). */
    public static Topology build(FabricSerdes serdes, TimerOptions timers, CallObserver observer) {
        return build(serdes, timers, observer, StepTopics.EXISTING);
    }

    /** The topology, with {@code stepTopics} making sure pipeline steps' capability topics exist. */
    public static Topology build(
            FabricSerdes serdes, TimerOptions timers, CallObserver observer, StepTopics stepTopics) {
        Topology topology = new Topology();
        addLifecycle(topology, serdes, timers, observer);
        addCache(topology, serdes, timers);
        addPipelines(topology, serdes, timers, stepTopics);
        return topology;
    }

    private static void addLifecycle(
            Topology topology, FabricSerdes serdes, TimerOptions timers, CallObserver observer) {
        StringDeserializer keys = new StringDeserializer();
        StringSerializer keyWriter = new StringSerializer();
        topology.addSource(
                CALLS_SOURCE, keys, serdes.deserializer(FuncCall.class), Pattern.compile(Topics.CALLS_PATTERN));
        topology.addSource(RESULTS_SOURCE, keys, serdes.deserializer(FuncResult.class), Topics.RESULTS);
        topology.addSource(EVENTS_SOURCE, keys, serdes.deserializer(CallEvent.class), Topics.EVENTS);
        topology.addSource(CONTROL_SOURCE, keys, serdes.deserializer(ControlCommand.class), Topics.CONTROL);
        topology.addSource(CACHE_ACCEPTED_SOURCE, keys, serdes.deserializer(FuncCall.class), Topics.CACHE_ACCEPTED);
        topology.addProcessor(
                LIFECYCLE,
                () -> new LifecycleProcessor(timers, observer),
                CALLS_SOURCE,
                CACHE_ACCEPTED_SOURCE,
                RESULTS_SOURCE,
                EVENTS_SOURCE,
                CONTROL_SOURCE);
        addStore(topology, LifecycleProcessor.STATUS_STORE, serdes.serde(CallStatus.class), LIFECYCLE);
        addStore(topology, LifecycleProcessor.EARLY_RESULTS_STORE, serdes.serde(FuncResult.class), LIFECYCLE);
        addStore(topology, LifecycleProcessor.TIMERS_STORE, Serdes.String(), LIFECYCLE);
        topology.addSink(
                LifecycleProcessor.STATUS_SINK,
                Topics.STATUS,
                keyWriter,
                serdes.serializer(CallStatus.class),
                LIFECYCLE);
        topology.addSink(
                LifecycleProcessor.REPLY_SINK,
                Reply.topicExtractor(),
                keyWriter,
                Reply.serializer(serdes.serializer(FuncResult.class)),
                LIFECYCLE);
        topology.addSink(
                LifecycleProcessor.COMPLETIONS_SINK,
                Topics.CACHE_COMPLETIONS,
                keyWriter,
                serdes.serializer(FuncResult.class),
                LIFECYCLE);
        topology.addSink(
                LifecycleProcessor.PIPELINE_STEPS_SINK,
                Topics.PIPELINES_STEPS,
                keyWriter,
                serdes.serializer(FuncResult.class),
                LIFECYCLE);
        topology.addSink(
                LifecycleProcessor.DEADLINES_SINK,
                Topics.RESULTS,
                keyWriter,
                OwnResult.serializer(serdes.serializer(FuncResult.class)),
                OwnResult.partitioner(),
                LIFECYCLE);
    }

    private static void addCache(Topology topology, FabricSerdes serdes, TimerOptions timers) {
        StringDeserializer keys = new StringDeserializer();
        StringSerializer keyWriter = new StringSerializer();
        topology.addSource(CACHE_REQUESTS_SOURCE, keys, serdes.deserializer(FuncCall.class), Topics.CACHE_REQUESTS);
        topology.addSource(
                CACHE_COMPLETIONS_SOURCE, keys, serdes.deserializer(FuncResult.class), Topics.CACHE_COMPLETIONS);
        topology.addProcessor(CACHE, () -> new CacheProcessor(timers), CACHE_REQUESTS_SOURCE, CACHE_COMPLETIONS_SOURCE);
        addStore(topology, CacheProcessor.ENTRIES_STORE, serdes.serde(CacheEntry.class), CACHE);
        addStore(topology, CacheProcessor.TIMERS_STORE, Serdes.String(), CACHE);
        topology.addSink(
                CacheProcessor.ACCEPT_SINK, Topics.CACHE_ACCEPTED, keyWriter, serdes.serializer(FuncCall.class), CACHE);
        topology.addSink(
                CacheProcessor.RUN_SINK,
                (String callId, FuncCall call, RecordContext context) ->
                        Topics.calls(Capset.of(call.getRequirements()), call.getPriority()),
                keyWriter,
                serdes.serializer(FuncCall.class),
                CACHE);
        topology.addSink(
                CacheProcessor.ANSWER_SINK, Topics.RESULTS, keyWriter, serdes.serializer(FuncResult.class), CACHE);
    }

    private static void addPipelines(
            Topology topology, FabricSerdes serdes, TimerOptions timers, StepTopics stepTopics) {
        StringDeserializer keys = new StringDeserializer();
        StringSerializer keyWriter = new StringSerializer();
        topology.addSource(PIPELINES_SOURCE, keys, serdes.deserializer(Pipeline.class), Topics.PIPELINES);
        topology.addSource(
                PIPELINE_CONTROL_SOURCE, keys, serdes.deserializer(ControlCommand.class), Topics.PIPELINES_CONTROL);
        topology.addSource(PIPELINE_STEPS_SOURCE, keys, serdes.deserializer(FuncResult.class), Topics.PIPELINES_STEPS);
        topology.addProcessor(
                PIPELINES,
                () -> new PipelineProcessor(timers, stepTopics),
                PIPELINES_SOURCE,
                PIPELINE_CONTROL_SOURCE,
                PIPELINE_STEPS_SOURCE);
        addStore(topology, PipelineProcessor.STORE, serdes.serde(PipelineRun.class), PIPELINES);
        addStore(topology, PipelineProcessor.TIMERS_STORE, Serdes.String(), PIPELINES);
        topology.addSink(
                PipelineProcessor.CALLS_SINK,
                (String callId, FuncCall call, RecordContext context) ->
                        Topics.calls(Capset.of(call.getRequirements()), call.getPriority()),
                keyWriter,
                serdes.serializer(FuncCall.class),
                PIPELINES);
        topology.addSink(
                PipelineProcessor.CACHE_SINK,
                Topics.CACHE_REQUESTS,
                keyWriter,
                serdes.serializer(FuncCall.class),
                PIPELINES);
        topology.addSink(
                PipelineProcessor.ANNOUNCE_SINK,
                Topics.CACHE_ACCEPTED,
                keyWriter,
                serdes.serializer(FuncCall.class),
                PIPELINES);
        topology.addSink(
                PipelineProcessor.CONTROL_SINK,
                Topics.CONTROL,
                keyWriter,
                serdes.serializer(ControlCommand.class),
                PIPELINES);
        topology.addSink(
                PipelineProcessor.STATUS_SINK,
                Topics.PIPELINES_STATUS,
                keyWriter,
                serdes.serializer(PipelineStatus.class),
                PIPELINES);
        topology.addSink(
                PipelineProcessor.REPLY_SINK,
                Reply.topicExtractor(),
                keyWriter,
                Reply.serializer(serdes.serializer(FuncResult.class)),
                PIPELINES);
    }

    /**
     * A persistent key-value store keyed by string (call id, cache key or timer key), owned by {@code processor}.
     * Cached: writes to one key between two commits reach RocksDB and the changelog once, so a call that is
     * accepted, started and finished within a commit interval costs one changelog record, and a deadline timer
     * set and deleted within one costs none. Reads see the cache; forwarding is not affected.
     */
    private static <V> void addStore(Topology topology, String name, Serde<V> values, String processor) {
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                        .withCachingEnabled(),
                processor);
    }
}
