package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.observability.tracing.CallMdc;
import dev.computefabric.observability.tracing.TraceHeaders;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.router.timers.Timer;
import dev.computefabric.router.timers.TimerOptions;
import dev.computefabric.schemas.Lifecycle;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every call, event, result and control command of one call id through {@link CallLifecycle} and
 * carries out its {@link Decision}. All source topics are co-partitioned on the call id, so the one task
 * that owns a call's partition sees all of its facts and its stores hold everything known about it.
 *
 * <p>A wall-clock punctuator fires the due entries of the {@code timers} index: deadlines and the retention sweep
 * that deletes ended calls and orphan early results. Wall-clock time comes from
 * {@link ProcessorContext#currentSystemTimeMs()}, which {@code TopologyTestDriver} lets tests advance.
 *
 * <p>Every end has an input record behind it, so that a router killed between two commits, whose end reached its
 * store's changelog but not {@code fabric.status}, ends the call again when the record is read again ({@code REPEAT}).
 * A deadline is no record: when one passes, the router writes the call's TIMED_OUT result to {@code fabric.results}
 * and ends the call when it reads it back, like an executor's result. The deadline's timer stays until then; a task
 * that takes it over sends the result again, and the copy that comes second is read as a repeat.
 *
 * <p>Non-terminal statuses wait {@link TimerOptions#statusGrace()} before they go to {@code fabric.status}
 * ({@link UnpublishedStatuses}): most calls end sooner and then publish only their end. The store is written at
 * once either way. A status still waiting when the task moves or the router stops is not published; the call's
 * end always is.
 */
public final class LifecycleProcessor implements Processor<String, SpecificRecord, String, Object> {

    /** Lifecycle record per call id; its changelog is {@code <application.id>-call-status-changelog}. */
    public static final String STATUS_STORE = "call-status";
    /** Terminal results (and cancels) that overtook their call; kept after they ended it, until they expire. */
    public static final String EARLY_RESULTS_STORE = "early-results";
    /** Timer index ({@link Timer#key()} → call id): deadlines and retention, in due order. */
    public static final String TIMERS_STORE = "timers";
    /** Child that writes every status change to {@code fabric.status}. */
    public static final String STATUS_SINK = "status";
    /** Child that writes a {@link Reply} to the topic its call named. */
    public static final String REPLY_SINK = "replies";
    /** Child that tells the result cache how a cacheable call ended ({@code fabric.cache.completions}). */
    public static final String COMPLETIONS_SINK = "cache-completions";
    /** Child that tells a pipeline how one of its steps' calls ended ({@code fabric.pipelines.steps}). */
    public static final String PIPELINE_STEPS_SINK = "pipeline-steps";
    /** Child that writes the router's own TIMED_OUT result to {@code fabric.results}, where it reads it back. */
    public static final String DEADLINES_SINK = "deadlines";

    private static final Logger log = LoggerFactory.getLogger(LifecycleProcessor.class);
    /** One line per status change, DEBUG: a busy router moves thousands of calls a second. */
    private static final Logger calls = LoggerFactory.getLogger("fabric.calls");

    private final TimerOptions options;
    private final CallObserver observer;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CallStatus> statuses;
    private KeyValueStore<String, FuncResult> earlyResults;
    private KeyValueStore<String, String> timers;
    private Sensor droppedResults;
    private final UnpublishedStatuses unpublished = new UnpublishedStatuses();
    /** Calls whose TIMED_OUT result this task sent and has not read back yet: sent once per task, not every tick. */
    private final Set<String> timingOut = new HashSet<>();

    public LifecycleProcessor(TimerOptions options) {
        this(options, CallObserver.NONE);
    }

    public LifecycleProcessor(TimerOptions options, CallObserver observer) {
        this.options = options;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.statuses = context.getStateStore(STATUS_STORE);
        this.earlyResults = context.getStateStore(EARLY_RESULTS_STORE);
        this.timers = context.getStateStore(TIMERS_STORE);
        this.droppedResults = RouterMetrics.droppedResults(context);
        context.schedule(options.tick(), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String callId = record.key();
        if (callId == null || record.value() == null) {
            log.warn("skipping a record without call id or value from {}", sourceTopic());
            return;
        }
        Known known = known(callId, record.value());
        // The record's own context (the gateway's on a call, the executor's on a result), else the call's trace.
        Optional<TraceParent> trace = TraceHeaders.read(record.headers()).or(() -> trace(known.status()));
        try (CallMdc mdc = CallMdc.put(callId, trace)) {
            Decision decided = decide(known, record.value());
            if (decided.verdict() == Decision.Verdict.APPLY
                    && record.value() instanceof FuncCall
                    && decided.status().getTraceId() == null) {
                trace.ifPresent(t -> decided.status().setTraceId(t.traceId()));
            }
            Decision decision = withDeadline(decided, record.value());
            carryOut(
                    callId,
                    record.timestamp(),
                    known,
                    decision,
                    record.value().getSchema().getName(),
                    trace);
        }
    }

    @Override
    public void close() {
        // Tasks move between threads and instances; a closed task must not leave its sensor behind.
        context.metrics().removeSensor(droppedResults);
    }

    /**
     * A newly accepted call gets its deadline, on its status and in the timer index: its own timeout, or the
     * fabric's longest lifetime, so none is left behind.
     */
    private Decision withDeadline(Decision decision, SpecificRecord fact) {
        if (decision.verdict() != Decision.Verdict.APPLY
                || !(fact instanceof FuncCall call)
                || Lifecycle.isTerminal(decision.status().getState())) {
            return decision;
        }
        long timeoutMs = call.getTimeoutMs() != null
                ? call.getTimeoutMs()
                : options.maxLifetime().toMillis();
        long deadline = call.getSubmittedAt().toEpochMilli() + timeoutMs;
        timers.put(new Timer(deadline, Timer.Kind.DEADLINE, call.getCallId()).key(), call.getCallId());
        return decision.withStatus(CallStatus.newBuilder(decision.status())
                .setDeadlineAt(Instant.ofEpochMilli(deadline))
                .build());
    }

    /** Publishes the statuses whose grace ran out, then fires every timer due by {@code nowMs}, oldest first. */
    private void fireDue(long nowMs) {
        unpublished.takeDue(nowMs).forEach(status -> context.forward(status, STATUS_SINK));
        for (Timer timer : Timer.dueBy(timers, nowMs)) {
            if (fire(timer, nowMs)) {
                timers.delete(timer.key());
            }
        }
    }

    /** Carries out a due timer; false when it must stay (a deadline whose result is on its way). */
    private boolean fire(Timer timer, long nowMs) {
        String callId = timer.callId();
        switch (timer.kind()) {
            case DEADLINE -> {
                Known known = known(callId);
                Optional<FuncResult> timedOut = CallLifecycle.onDeadline(known, timer.dueMs());
                if (timedOut.isEmpty()) {
                    timingOut.remove(callId);
                    return true;
                }
                if (timingOut.add(callId)) {
                    Optional<TraceParent> trace = trace(known.status());
                    try (CallMdc mdc = CallMdc.put(callId, trace)) {
                        log.debug("call {} passed its deadline, sending its TIMED_OUT result", callId);
                        // To this task's partition: the one the call was read from, where its results arrive.
                        OwnResult own = new OwnResult(context.taskId().partition(), timedOut.get());
                        context.forward(new Record<>(callId, own, nowMs, headers(trace)), DEADLINES_SINK);
                    }
                }
                return false;
            }
            case EXPIRE_STATUS -> {
                CallStatus status = statuses.get(callId);
                if (status != null && Lifecycle.isTerminal(status.getState())) {
                    // The tombstone lets compaction drop the call from fabric.status as well.
                    context.forward(new Record<>(callId, null, nowMs), STATUS_SINK);
                    statuses.delete(callId);
                }
            }
            case EXPIRE_ORPHAN -> {
                FuncResult held = earlyResults.get(callId);
                if (held != null) {
                    if (statuses.get(callId) == null) {
                        log.info(
                                "forgetting the {} result held for call {}: its call never arrived",
                                held.getState(),
                                callId);
                    }
                    earlyResults.delete(callId);
                }
            }
        }
        return true;
    }

    private void carryOut(
            String callId, long timestamp, Known known, Decision decision, String fact, Optional<TraceParent> trace) {
        switch (decision.verdict()) {
            case APPLY -> apply(callId, timestamp, known, decision, trace);
            case REPEAT -> {
                log.info("sending the end of call {} again: the {} that ended it was read again", callId, fact);
                publishEnd(callId, timestamp, decision, trace);
            }
            case PARK -> {
                earlyResults.put(callId, decision.earlyResult());
                schedule(Timer.Kind.EXPIRE_ORPHAN, callId);
            }
            case REMIND -> {
                droppedResults.record();
                observer.dropped();
                log.debug("sending the end of call {} to the cache or pipeline again: another run ended", callId);
                publishToFollowers(timestamp, decision, trace, true);
            }
            case DROP -> {
                droppedResults.record();
                observer.dropped();
                log.debug("dropped result for call {}: {}", callId, decision.reason());
            }
            case IGNORE -> {
                observer.ignored(fact, known.status());
                log.debug("ignored {} for call {}: {}", fact, callId, decision.reason());
            }
        }
    }

    private Known known(String callId) {
        CallStatus status = statuses.get(callId);
        // An early result is held while the call is unknown, so the second read is rare.
        return status != null ? Known.status(status) : new Known(null, earlyResults.get(callId));
    }

    /**
     * What is known when {@code fact} arrives. A call read when it has already ended also learns the result held for
     * it, which is kept after it ended the call until it expires: when that result ended the call on its arrival, the
     * call is the only record that can send that end again.
     */
    private Known known(String callId, SpecificRecord fact) {
        Known known = known(callId);
        return fact instanceof FuncCall
                        && known.status() != null
                        && Lifecycle.isTerminal(known.status().getState())
                ? new Known(known.status(), earlyResults.get(callId))
                : known;
    }

    private Decision decide(Known known, SpecificRecord value) {
        if (value instanceof FuncCall call) {
            return CallLifecycle.onCall(known, call, sourceTopic(), sourcePartition());
        }
        if (value instanceof FuncResult result) {
            return CallLifecycle.onResult(known, result);
        }
        if (value instanceof CallEvent event) {
            return CallLifecycle.onEvent(known, event);
        }
        if (value instanceof ControlCommand command) {
            return CallLifecycle.onControl(known, command);
        }
        throw new IllegalStateException(
                "the router's sources carry FuncCall, FuncResult, CallEvent and ControlCommand, got "
                        + value.getClass().getName() + " from " + sourceTopic());
    }

    private void apply(String callId, long timestamp, Known known, Decision decision, Optional<TraceParent> trace) {
        // Forward before storing: forwarding serializes at once, and if that fails (registry down) the
        // record is processed again after the thread is replaced, finding nothing stored. A router killed
        // after storing but before its records reached Kafka reads the record again too; the stored end
        // makes that a REPEAT, which sends them again.
        boolean terminal = Lifecycle.isTerminal(decision.status().getState());
        if (terminal) {
            unpublished.forget(callId);
            publishEnd(callId, timestamp, decision, trace);
        } else {
            unpublished.hold(
                    new Record<>(callId, decision.status(), timestamp, headers(trace)),
                    context.currentSystemTimeMs() + options.statusGrace().toMillis());
        }
        observer.applied(known.status(), decision.status());
        if (calls.isDebugEnabled()) {
            calls.debug(
                    "{} {} attempt {}{}",
                    decision.status().getFunction(),
                    decision.status().getState(),
                    decision.status().getAttempt(),
                    decision.status().getExecutorId() == null
                            ? ""
                            : " on " + decision.status().getExecutorId());
        }
        // A held result that ended its call stays until its expiry timer: the call read again sends its end again.
        statuses.put(callId, decision.status());
        if (terminal) {
            Instant deadline = known.status() == null ? null : known.status().getDeadlineAt();
            if (deadline != null) {
                // Ended before its deadline: with the store's cache, a timer set and deleted within one commit
                // interval never reaches the changelog.
                timers.delete(new Timer(deadline.toEpochMilli(), Timer.Kind.DEADLINE, callId).key());
            }
            timingOut.remove(callId);
            schedule(Timer.Kind.EXPIRE_STATUS, callId);
        }
    }

    /**
     * A call's end, to everyone who waits for it: its terminal status, the reply its caller asked for, and, for a
     * call that went through the result cache, how it ended to the cache, and for a pipeline's step, to its pipeline.
     */
    private void publishEnd(String callId, long timestamp, Decision decision, Optional<TraceParent> trace) {
        context.forward(new Record<>(callId, decision.status(), timestamp, headers(trace)), STATUS_SINK);
        if (decision.reply() != null) {
            context.forward(new Record<>(callId, decision.reply(), timestamp, headers(trace)), REPLY_SINK);
        }
        publishToFollowers(timestamp, decision, trace, false);
    }

    /**
     * A call's end to the router's own followers of it, the result cache and a pipeline; as a {@code reminder}
     * when another run of the call ended ({@link Reminders}).
     */
    private void publishToFollowers(long timestamp, Decision decision, Optional<TraceParent> trace, boolean reminder) {
        String cacheKey = decision.status().getCacheKey();
        if (cacheKey != null) {
            context.forward(
                    new Record<>(cacheKey, decision.status().getResult(), timestamp, followerHeaders(trace, reminder)),
                    COMPLETIONS_SINK);
        }
        String pipelineId = decision.status().getPipelineId();
        if (pipelineId != null) {
            context.forward(
                    new Record<>(
                            pipelineId, decision.status().getResult(), timestamp, followerHeaders(trace, reminder)),
                    PIPELINE_STEPS_SINK);
        }
    }

    private static Headers followerHeaders(Optional<TraceParent> trace, boolean reminder) {
        Headers headers = headers(trace);
        return reminder ? Reminders.mark(headers) : headers;
    }

    private void schedule(Timer.Kind kind, String callId) {
        long due = context.currentSystemTimeMs() + options.retention().toMillis();
        timers.put(new Timer(due, kind, callId).key(), callId);
    }

    /** The trace a stored status names, as the context of this hop (its parent span is not kept). */
    private static Optional<TraceParent> trace(CallStatus status) {
        if (status == null || status.getTraceId() == null) {
            return Optional.empty();
        }
        return TraceParent.parse(
                "00-" + status.getTraceId() + "-" + TraceParent.start().spanId() + "-01");
    }

    private static Headers headers(Optional<TraceParent> trace) {
        RecordHeaders headers = new RecordHeaders();
        trace.ifPresent(t -> TraceHeaders.write(headers, t));
        return headers;
    }

    /** The partition the record came from; every source is co-partitioned, so it is this task's partition. */
    private int sourcePartition() {
        return context.recordMetadata()
                .map(RecordMetadata::partition)
                .orElseThrow(() ->
                        new IllegalStateException("no source partition: the processor only runs on input records"));
    }

    private String sourceTopic() {
        return context.recordMetadata()
                .map(RecordMetadata::topic)
                .orElseThrow(
                        () -> new IllegalStateException("no source topic: the processor only runs on input records"));
    }
}
