package dev.computefabric.gateway.calls;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Instant;
import java.util.Map;

/** Test data: calls and results with sensible defaults. */
public final class TestResults {

    public static final Instant SUBMITTED = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant FINISHED = Instant.parse("2025-01-01T00:00:01Z");

    static {
        // Builders fill defaults of nested generated records only once Avro trusts the generated package.
        SpecificRecords.schemaOf(FuncResult.class);
    }

    private TestResults() {
    }

    public static FuncCall call(String callId) {
        return FuncCall.newBuilder().setCallId(callId).setFunction("echo").setSubmittedAt(SUBMITTED).build();
    }

    public static CallSnapshot accepted(String callId) {
        return CallSnapshot.accepted(call(callId));
    }

    public static FuncResult finished(String callId, String outputJson) {
        return result(callId, CallState.FINISHED).setOutput(outputJson).build();
    }

    public static FuncResult finished(String callId, String outputJson, Map<String, Table> tables) {
        return result(callId, CallState.FINISHED).setOutput(outputJson).setTables(tables).build();
    }

    public static FuncResult failed(String callId, String type, String message) {
        return result(callId, CallState.FAILED)
                .setError(ErrorInfo.newBuilder().setType(type).setMessage(message).build())
                .build();
    }

    public static FuncResult.Builder result(String callId, CallState state) {
        return FuncResult.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(state)
                .setExecutorId("exec-1")
                .setFinishedAt(FINISHED);
    }
}
