package dev.computefabric.router;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The router as a topology, a pure function of its serdes:
 *
 * <pre>
 * fabric.calls.* ─┐
 * fabric.results ─┼─▶ lifecycle [call-status, early-results, timers] ─┬─▶ fabric.status
 * fabric.events ──┤                                            └─▶ reply topic named by the call (replyTo)
 * fabric.control ─┘   + wall-clock punctuator over [timers]: deadlines → TIMED_OUT, retention sweep
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
        topology.addProcessor(LIFECYCLE, () -> new LifecycleProcessor(timers),
                CALLS_SOURCE, RESULTS_SOURCE, EVENTS_SOURCE, CONTROL_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                Serdes.String(), serdes.serde(CallStatus.class)), LIFECYCLE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EARLY_RESULTS_STORE),
                Serdes.String(), serdes.serde(FuncResult.class)), LIFECYCLE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                Serdes.String(), Serdes.String()), LIFECYCLE);
        topology.addSink(STATUS_SINK, Topics.STATUS, keyWriter, serdes.serializer(CallStatus.class), LIFECYCLE);
        topology.addSink(REPLY_SINK, Reply.topicExtractor(), keyWriter,
                Reply.serializer(serdes.serializer(FuncResult.class)), LIFECYCLE);
        return topology;
    }
}
