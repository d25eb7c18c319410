package dev.computefabric.router.pipeline;

import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineRun;
import dev.computefabric.router.lifecycle.Reminders;
import dev.computefabric.router.lifecycle.Reply;
import dev.computefabric.router.timers.Timer;
import dev.computefabric.router.timers.TimerOptions;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives pipelines: every source is keyed by pipeline id and co-partitioned, so one task holds everything about a
 * pipeline. A {@link Pipeline} starts a run, a step call's end ({@code fabric.pipelines.steps}, from the lifecycle)
 * moves it on, a {@link ControlCommand} cancels it; {@link PipelineDriver} decides, this processor stores the run and
 * sends the step calls (to their capability topics, where the lifecycle follows them like any call), the cancels,
 * the status and, at the end, the completion to {@code replyTo}. The router is at least once: a fact read again
 * after a restart repeats what it caused ({@link PipelineDriver}), so a step's call may be sent twice but is never
 * lost.
 *
 * <p>An ended pipeline is kept for the router's retention, then deleted (a tombstone on its status topic).
 */
public final class PipelineProcessor implements Processor<String, SpecificRecord, String, Object> {

    /** The run per pipeline id; its changelog is {@code <application.id>-pipelines-changelog}. */
    public static final String STORE = "pipelines";
    /** Retention of ended pipelines ({@link Timer} keys, kind EXPIRE_PIPELINE). */
    public static final String TIMERS_STORE = "pipeline-timers";
    /** Child that writes step calls to their capability topics. */
    public static final String CALLS_SINK = "pipeline-calls";
    /**
     * Child that writes the calls of cached steps to {@code fabric.cache.requests}, keyed by cache key: the cache runs
     * them (on their capability topic) or answers them, as it does calls a gateway accepted.
     */
    public static final String CACHE_SINK = "pipeline-cache-requests";
    /**
     * Child that writes the calls of sameNode steps to {@code fabric.cache.accepted}, where the lifecycle follows
     * calls it does not read from a calls topic (a node runs them right after the step they follow).
     */
    public static final String ANNOUNCE_SINK = "pipeline-announced";
    /** Child that writes cancels of step calls to {@code fabric.control}. */
    public static final String CONTROL_SINK = "pipeline-cancels";
    /** Child that writes {@code fabric.pipelines.status}. */
    public static final String STATUS_SINK = "pipeline-status";
    /** Child that writes a pipeline's completion to its {@code replyTo}. */
    public static final String REPLY_SINK = "pipeline-replies";

    private static final Logger log = LoggerFactory.getLogger(PipelineProcessor.class);

    private final TimerOptions options;
    private final StepTopics topics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, PipelineRun> runs;
    private KeyValueStore<String, String> timers;

    public PipelineProcessor(TimerOptions options, StepTopics topics) {
        this.options = options;
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.runs = context.getStateStore(STORE);
        this.timers = context.getStateStore(TIMERS_STORE);
        context.schedule(options.tick(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String pipelineId = record.key();
        if (pipelineId == null || record.value() == null) {
            log.warn("skipping a pipeline record without pipeline id or value");
            return;
        }
        long now = context.currentSystemTimeMs();
        PipelineRun stored = runs.get(pipelineId);
        PipelineDriver driver;
        if (record.value() instanceof Pipeline pipeline) {
            if (stored != null) {
                log.info(
                        "pipeline {} read again ({}): sending what it started again",
                        pipelineId,
                        stored.getStatus().getState());
                driver = PipelineDriver.of(stored, now);
                driver.onPipelineAgain();
            } else {
                driver = PipelineDriver.start(pipeline, now);
            }
        } else if (stored == null) {
            log.debug(
                    "{} for pipeline {}, which the router does not hold",
                    record.value().getSchema().getName(),
                    pipelineId);
            return;
        } else if (record.value() instanceof FuncResult result) {
            driver = PipelineDriver.of(stored, now);
            driver.onResult(result, Reminders.isReminder(record.headers()));
        } else if (record.value() instanceof ControlCommand command) {
            driver = PipelineDriver.of(stored, now);
            driver.cancel(command);
        } else {
            throw new IllegalStateException("the pipeline sources carry Pipeline, FuncResult and ControlCommand, got "
                    + record.value().getClass().getName());
        }
        carryOut(pipelineId, driver, record.timestamp());
    }

    private void carryOut(String pipelineId, PipelineDriver driver, long timestamp) {
        if (!driver.changed()) {
            return;
        }
        for (FuncCall call : driver.calls()) {
            try {
                topics.ensure(call);
            } catch (RuntimeException e) {
                // A Streams failure, not the record's: the thread is replaced and the record processed again.
                throw new StreamsException(
                        "cannot make sure the topic of step call " + call.getCallId() + " exists: " + e.getMessage(),
                        e);
            }
            if (call.getCacheKey() != null) {
                context.forward(new Record<>(call.getCacheKey(), call, timestamp), CACHE_SINK);
            } else {
                context.forward(new Record<>(call.getCallId(), call, timestamp), CALLS_SINK);
            }
        }
        for (FuncCall call : driver.announced()) {
            context.forward(new Record<>(call.getCallId(), call, timestamp), ANNOUNCE_SINK);
        }
        for (ControlCommand cancel : driver.cancels()) {
            context.forward(new Record<>(cancel.getCallId(), cancel, timestamp), CONTROL_SINK);
        }
        PipelineRun run = driver.run();
        context.forward(new Record<>(pipelineId, run.getStatus(), timestamp), STATUS_SINK);
        if (driver.ended()) {
            String replyTo = run.getPipeline().getReplyTo();
            if (replyTo != null) {
                context.forward(
                        new Record<>(pipelineId, new Reply(replyTo, driver.completion()), timestamp), REPLY_SINK);
            }
            long due = context.currentSystemTimeMs() + options.retention().toMillis();
            timers.put(new Timer(due, Timer.Kind.EXPIRE_PIPELINE, pipelineId).key(), pipelineId);
            log.info("pipeline {} ended {}", pipelineId, run.getStatus().getState());
        }
        runs.put(pipelineId, run);
    }

    private void expire(long nowMs) {
        for (Timer timer : Timer.dueBy(timers, nowMs)) {
            if (runs.get(timer.callId()) != null) {
                context.forward(new Record<>(timer.callId(), null, nowMs), STATUS_SINK);
                runs.delete(timer.callId());
            }
            timers.delete(timer.key());
        }
    }
}
