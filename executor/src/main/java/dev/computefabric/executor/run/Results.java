package dev.computefabric.executor.run;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.executor.function.ErrorKind;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Instant;
import java.util.Map;

/** Builds the {@link FuncResult}s an executor produces, so every one carries the same identifying fields. */
public final class Results {

    static {
        // Building a record fills defaults through Avro's class loading, which trusts our classes only after this.
        SpecificRecords.trustGeneratedClasses();
    }

    private Results() {}

    public static FuncResult finished(
            FuncCall call,
            String executorId,
            String output,
            Map<String, Table> tables,
            Instant startedAt,
            Instant finishedAt) {
        return base(call, executorId, startedAt, finishedAt)
                .setState(CallState.FINISHED)
                .setOutput(output)
                .setTables(Map.copyOf(tables))
                .build();
    }

    public static FuncResult failed(
            FuncCall call, String executorId, ErrorInfo error, Instant startedAt, Instant finishedAt) {
        return base(call, executorId, startedAt, finishedAt)
                .setState(CallState.FAILED)
                .setError(error)
                .build();
    }

    /** FAILED without running: the call can never run on this executor (see {@code Admission}). */
    public static FuncResult refused(FuncCall call, String executorId, ErrorKind kind, String message, Instant at) {
        return failed(call, executorId, error(kind, message, kind.retryable()), null, at);
    }

    public static FuncResult timedOut(FuncCall call, String executorId, String message, Instant at) {
        return base(call, executorId, null, at)
                .setState(CallState.TIMED_OUT)
                .setError(error(ErrorKind.TIMEOUT, message, ErrorKind.TIMEOUT.retryable()))
                .build();
    }

    /** TIMED_OUT for a call interrupted when its deadline passed while it ran. */
    public static FuncResult timedOut(FuncCall call, String executorId, String message, Instant startedAt, Instant at) {
        return base(call, executorId, startedAt, at)
                .setState(CallState.TIMED_OUT)
                .setError(error(ErrorKind.TIMEOUT, message, ErrorKind.TIMEOUT.retryable()))
                .build();
    }

    public static FuncResult cancelled(FuncCall call, String executorId, String reason, Instant startedAt, Instant at) {
        return base(call, executorId, startedAt, at)
                .setState(CallState.CANCELLED)
                .setError(error(ErrorKind.CANCELLED, reason, ErrorKind.CANCELLED.retryable()))
                .build();
    }

    public static ErrorInfo error(ErrorKind kind, String message, boolean retryable) {
        return ErrorInfo.newBuilder()
                .setType(kind.type())
                .setMessage(message)
                .setRetryable(retryable)
                .build();
    }

    private static FuncResult.Builder base(FuncCall call, String executorId, Instant startedAt, Instant finishedAt) {
        return FuncResult.newBuilder()
                .setCallId(call.getCallId())
                .setFunction(call.getFunction())
                .setExecutorId(executorId)
                .setAttempt(call.getAttempt())
                .setTables(Map.of())
                .setStartedAt(startedAt)
                .setFinishedAt(finishedAt);
    }
}
