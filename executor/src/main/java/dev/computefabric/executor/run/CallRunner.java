package dev.computefabric.executor.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.CallException;
import dev.computefabric.executor.function.ErrorKind;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionLookup;
import dev.computefabric.executor.function.TableAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call on the current thread, from {@code STARTED} to its result. Whatever the function does,
 * this returns an outcome: failures become FAILED results, an interrupt abandons the call.
 */
public final class CallRunner {

    private static final Logger log = LoggerFactory.getLogger(CallRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String executorId;
    private final FunctionLookup functions;
    private final TableAccess tables;
    private final CallEvents events;
    private final Clock clock;

    /** Progress reports closer together than this are dropped: {@code fabric.status} carries every one that is sent. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    public CallRunner(String executorId, FunctionLookup functions, TableAccess tables, CallEvents events, Clock clock) {
        this.executorId = executorId;
        this.functions = functions;
        this.tables = tables;
        this.events = events;
        this.clock = clock;
    }

    /** The retry limit the function named by {@code call} declares, if it is known here and declares one. */
    public OptionalInt functionMaxRetries(FuncCall call) {
        return functions
                .find(call.getFunction())
                .map(FabricFunction::maxRetries)
                .orElse(OptionalInt.empty());
    }

    public String executorId() {
        return executorId;
    }

    public CallOutcome run(FuncCall call) {
        Instant startedAt = clock.instant();
        Instant deadline = Deadlines.of(call);
        if (deadline != null && !startedAt.isBefore(deadline)) {
            // Running it would only produce a result nobody waits for any more.
            return new CallOutcome.Completed(
                    call,
                    Results.timedOut(
                            call,
                            executorId,
                            "the call's deadline passed "
                                    + Duration.between(deadline, startedAt).toMillis()
                                    + " ms before an executor could start it",
                            startedAt));
        }
        started(call, startedAt);
        try {
            return runStarted(call, startedAt);
        } finally {
            events.ended(call);
        }
    }

    private CallOutcome runStarted(FuncCall call, Instant startedAt) {
        CallContext context = null;
        try {
            FabricFunction function = functions.find(call.getFunction()).orElseThrow(() -> notFound(call));
            context = new CallContext(
                    call,
                    Args.parse(call.getFunction(), call.getArgs()),
                    tables,
                    new ThrottledProgress(call, events, clock, PROGRESS_INTERVAL),
                    new ThrottledLog(call, events, clock));
            String output = json(function.run(context));
            // Output tables are stored only now: a function that failed half-way leaves nothing in storage.
            context.finishOutputs();
            return new CallOutcome.Completed(
                    call,
                    Results.finished(call, executorId, output, context.outputs(), startedAt, clock.instant()),
                    context.kept());
        } catch (Exception | StackOverflowError e) {
            if (context != null) {
                context.discardOutputs();
            }
            if (FunctionErrors.isInterruption(e)) {
                Thread.currentThread().interrupt();
                return new CallOutcome.Abandoned(call, "interrupted while running: " + e);
            }
            FuncResult failed =
                    Results.failed(call, executorId, FunctionErrors.errorInfo(e), startedAt, clock.instant());
            log(call, failed, e);
            return new CallOutcome.Completed(call, failed);
        }
    }

    /** The stack trace only for what looks like a bug; expected failures are one line, the caller has the rest. */
    private static void log(FuncCall call, FuncResult failed, Throwable thrown) {
        String type = failed.getError().getType();
        if (type.equals(ErrorKind.INTERNAL.type())) {
            log.warn("call {} ({}) threw; reporting {}", call.getCallId(), call.getFunction(), type, thrown);
        } else if (!(thrown instanceof CallException)) {
            log.info(
                    "call {} ({}) failed with {}: {}", call.getCallId(), call.getFunction(), type, thrown.getMessage());
        }
    }

    private void started(FuncCall call, Instant at) {
        try {
            events.started(call, at);
        } catch (RuntimeException e) {
            // The STARTED event is informational; the call still runs and its result still counts.
            log.warn("could not emit STARTED for call {}: {}", call.getCallId(), e.toString());
        }
    }

    private CallException notFound(FuncCall call) {
        String name = call.getFunction();
        return new CallException(
                ErrorKind.FUNCTION_NOT_FOUND,
                functions
                        .unavailableReason(name)
                        .map(reason ->
                                "function '" + name + "' is not offered on executor " + executorId + ": " + reason)
                        .orElseGet(() -> "no function '" + name + "' on executor " + executorId + "; it offers: "
                                + String.join(", ", functions.names())));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CallException(
                    ErrorKind.INTERNAL,
                    "the function's output cannot be written as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }
}
