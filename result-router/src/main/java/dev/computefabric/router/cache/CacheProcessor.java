package dev.computefabric.router.cache;

import dev.computefabric.avro.CacheEntry;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.router.lifecycle.Reminders;
import dev.computefabric.router.timers.Timer;
import dev.computefabric.router.timers.TimerOptions;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link ResultCache} for one cache key: requests from {@code fabric.cache.requests} and the
 * completions the lifecycle reports on {@code fabric.cache.completions}, both keyed by cache key, so all
 * identical calls meet in one task. A wall-clock punctuator drops results whose TTL ran out.
 */
public final class CacheProcessor implements Processor<String, SpecificRecord, String, Object> {

    /** {@code CacheEntry} per cache key: the running call, its waiters, the cached result. */
    public static final String ENTRIES_STORE = "cache-entries";
    /** Expiry index of cached results ({@link Timer.Kind#EXPIRE_CACHE}). */
    public static final String TIMERS_STORE = "cache-timers";
    /** Child that hands every call to the lifecycle ({@code fabric.cache.accepted}). */
    public static final String ACCEPT_SINK = "cache-accept";
    /** Child that sends a miss to its capability topic to be run. */
    public static final String RUN_SINK = "cache-run";
    /** Child that publishes hits and waiters' answers on {@code fabric.results}. */
    public static final String ANSWER_SINK = "cache-answer";

    private static final Logger log = LoggerFactory.getLogger(CacheProcessor.class);

    private final TimerOptions options;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CacheEntry> entries;
    private KeyValueStore<String, String> timers;

    public CacheProcessor(TimerOptions options) {
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.entries = context.getStateStore(ENTRIES_STORE);
        this.timers = context.getStateStore(TIMERS_STORE);
        context.schedule(options.tick(), PunctuationType.WALL_CLOCK_TIME, this::expireDue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String cacheKey = record.key();
        if (cacheKey == null || record.value() == null) {
            log.warn("skipping a cache record without key or value");
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        CacheEntry entry = entries.get(cacheKey);
        ResultCache.Outcome outcome;
        if (record.value() instanceof FuncCall call) {
            if (!cacheKey.equals(call.getCacheKey())) {
                log.warn(
                        "call {} arrived under cache key {} but names {}; it is cached under the record key",
                        call.getCallId(),
                        cacheKey,
                        call.getCacheKey());
                call = FuncCall.newBuilder(call).setCacheKey(cacheKey).build();
            }
            outcome = ResultCache.onRequest(entry, call, now);
        } else if (record.value() instanceof FuncResult result) {
            outcome = ResultCache.onCompletion(
                    entry, result, now, options.retention(), Reminders.isReminder(record.headers()));
        } else {
            throw new IllegalStateException("the cache reads FuncCall and FuncResult, got "
                    + record.value().getClass().getName());
        }
        // A call passes on its own record's headers (its trace context); other calls an outcome names get none.
        String callId = record.value() instanceof FuncCall call ? call.getCallId() : null;
        carryOut(cacheKey, record.timestamp(), outcome, id -> id.equals(callId) ? record.headers() : null);
    }

    private void carryOut(
            String cacheKey, long timestamp, ResultCache.Outcome outcome, Function<String, Headers> headers) {
        // Forward before storing, as the lifecycle does: a failed write replays the record, not loses it.
        for (FuncCall call : outcome.accept()) {
            context.forward(
                    new Record<>(call.getCallId(), call, timestamp, headers.apply(call.getCallId())), ACCEPT_SINK);
        }
        for (FuncCall call : outcome.run()) {
            context.forward(new Record<>(call.getCallId(), call, timestamp, headers.apply(call.getCallId())), RUN_SINK);
        }
        for (FuncResult answer : outcome.answer()) {
            context.forward(new Record<>(answer.getCallId(), answer, timestamp), ANSWER_SINK);
        }
        if (outcome.entry() == null) {
            entries.delete(cacheKey);
        } else {
            entries.put(cacheKey, outcome.entry());
        }
        if (outcome.expireAt() != null) {
            timers.put(new Timer(outcome.expireAt().toEpochMilli(), Timer.Kind.EXPIRE_CACHE, cacheKey).key(), cacheKey);
        }
    }

    private void expireDue(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        for (Timer timer : Timer.dueBy(timers, nowMs)) {
            String cacheKey = timer.callId();
            CacheEntry entry = entries.get(cacheKey);
            CacheEntry kept = ResultCache.onExpiry(entry, now);
            if (kept == null && entry != null) {
                entries.delete(cacheKey);
            } else if (kept != entry) {
                entries.put(cacheKey, kept);
            }
            timers.delete(timer.key());
        }
    }
}
