package dev.computefabric.router;

import dev.computefabric.avro.CacheEntry;
import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.state.Stores;

/**
 * The router as a topology, a pure function of its serdes:
 *
 * <pre>
 * fabric.calls.* ───────┐
 * fabric.cache.accepted ┤
 * fabric.results ───────┼─▶ lifecycle [call-status, early-results, timers] ─┬─▶ fabric.status
 * fabric.events ────────┤                                                  ├─▶ reply topic named by the call (replyTo)
 * fabric.control ───────┘   + punctuator: deadlines → TIMED_OUT, retention └─▶ fabric.cache.completions (cacheable calls)
 *
 * fabric.cache.requests ────┬─▶ cache [cache-entries, cache-timers] ─┬─▶ fabric.cache.accepted (every call: tracked)
 * fabric.cache.completions ─┘   keyed by cache key                   ├─▶ fabric.calls.&lt;capset&gt; (misses: run)
 *                                                                    └─▶ fabric.results (hits, waiters: answered)
 * </pre>
 *
 * Built with the Processor API rather than KTable joins: the three inputs arrive in any order and may
 * repeat, and the rules for that live in one place ({@link CallLifecycle}) instead of in join semantics.
 */
public final class RouterTopology {

    public static final String CALLS_SOURCE = "calls";
    public static final String RESULTS_SOURCE = "results";
    public static final String EVENTS_SOURCE = "events";
    public static final String CONTROL_SOURCE = "control";
    public static final String LIFECYCLE = "lifecycle";
    public static final String STATUS_SINK = "status";
    public static final String REPLY_SINK = "replies";
    /** Lifecycle record per call id; its changelog is {@code <application.id>-call-status-changelog}. */
    public static final String STATUS_STORE = "call-status";
    /** Terminal results whose call has not arrived yet. */
    public static final String EARLY_RESULTS_STORE = "early-results";
    /** Timer index ({@link Timer#key()} → call id): deadlines and retention, in due order. */
    public static final String TIMERS_STORE = "timers";
    public static final String COMPLETIONS_SINK = "cache-completions";

    public static final String CACHE_REQUESTS_SOURCE = "cache-requests";
    public static final String CACHE_COMPLETIONS_SOURCE = "cache-completions-in";
    public static final String CACHE_ACCEPTED_SOURCE = "cache-accepted";
    public static final String CACHE = "cache";
    public static final String CACHE_ACCEPT_SINK = "cache-accept";
    public static final String CACHE_RUN_SINK = "cache-run";
    public static final String CACHE_ANSWER_SINK = "cache-answer";
    /** {@code CacheEntry} per cache key: the running call, its waiters, the cached result. */
    public static final String CACHE_STORE = "cache-entries";
    /** Expiry index of cached results ({@link Timer.Kind#EXPIRE_CACHE}). */
    public static final String CACHE_TIMERS_STORE = "cache-timers";

    private RouterTopology() {
    }

    public static Topology build(FabricSerdes serdes) {
        return build(serdes, TimerOptions.DEFAULTS);
    }

    public static Topology build(FabricSerdes serdes, TimerOptions timers) {
        StringDeserializer keys = new StringDeserializer();
        StringSerializer keyWriter = new StringSerializer();
        Topology topology = new Topology();
        topology.addSource(CALLS_SOURCE, keys, serdes.deserializer(FuncCall.class), Pattern.compile(Topics.CALLS_PATTERN));
        topology.addSource(RESULTS_SOURCE, keys, serdes.deserializer(FuncResult.class), Topics.RESULTS);
        topology.addSource(EVENTS_SOURCE, keys, serdes.deserializer(CallEvent.class), Topics.EVENTS);
        topology.addSource(CONTROL_SOURCE, keys, serdes.deserializer(ControlCommand.class), Topics.CONTROL);
        topology.addSource(CACHE_ACCEPTED_SOURCE, keys, serdes.deserializer(FuncCall.class), Topics.CACHE_ACCEPTED);
        topology.addProcessor(LIFECYCLE, () -> new LifecycleProcessor(timers),
                CALLS_SOURCE, CACHE_ACCEPTED_SOURCE, RESULTS_SOURCE, EVENTS_SOURCE, CONTROL_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                Serdes.String(), serdes.serde(CallStatus.class)), LIFECYCLE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EARLY_RESULTS_STORE),
                Serdes.String(), serdes.serde(FuncResult.class)), LIFECYCLE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                Serdes.String(), Serdes.String()), LIFECYCLE);
        topology.addSink(STATUS_SINK, Topics.STATUS, keyWriter, serdes.serializer(CallStatus.class), LIFECYCLE);
        topology.addSink(REPLY_SINK, Reply.topicExtractor(), keyWriter,
                Reply.serializer(serdes.serializer(FuncResult.class)), LIFECYCLE);
        topology.addSink(COMPLETIONS_SINK, Topics.CACHE_COMPLETIONS, keyWriter, serdes.serializer(FuncResult.class), LIFECYCLE);
        addCache(topology, serdes, timers);
        return topology;
    }

    private static void addCache(Topology topology, FabricSerdes serdes, TimerOptions timers) {
        StringDeserializer keys = new StringDeserializer();
        StringSerializer keyWriter = new StringSerializer();
        topology.addSource(CACHE_REQUESTS_SOURCE, keys, serdes.deserializer(FuncCall.class), Topics.CACHE_REQUESTS);
        topology.addSource(CACHE_COMPLETIONS_SOURCE, keys, serdes.deserializer(FuncResult.class), Topics.CACHE_COMPLETIONS);
        topology.addProcessor(CACHE, () -> new CacheProcessor(timers), CACHE_REQUESTS_SOURCE, CACHE_COMPLETIONS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CACHE_STORE),
                Serdes.String(), serdes.serde(CacheEntry.class)), CACHE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CACHE_TIMERS_STORE),
                Serdes.String(), Serdes.String()), CACHE);
        topology.addSink(CACHE_ACCEPT_SINK, Topics.CACHE_ACCEPTED, keyWriter, serdes.serializer(FuncCall.class), CACHE);
        topology.addSink(CACHE_RUN_SINK, (String callId, FuncCall call, RecordContext context) -> Topics.calls(Capset.of(call.getRequirements())),
                keyWriter, serdes.serializer(FuncCall.class), CACHE);
        topology.addSink(CACHE_ANSWER_SINK, Topics.RESULTS, keyWriter, serdes.serializer(FuncResult.class), CACHE);
    }
}
