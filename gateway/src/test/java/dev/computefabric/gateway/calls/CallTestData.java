package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.testing.TestCalls;
import dev.computefabric.testing.TestResults;
import java.time.Instant;
import java.util.Map;

/** The gateway tests' shortcuts over the shared builders: echo calls, their snapshots and results. */
public final class CallTestData {

    public static final Instant SUBMITTED = TestCalls.SUBMITTED;

    private CallTestData() {}

    public static FuncCall call(String callId) {
        return TestCalls.call("echo").id(callId).build();
    }

    public static CallSnapshot accepted(String callId) {
        return CallSnapshot.accepted(call(callId));
    }

    public static FuncResult finished(String callId, String outputJson) {
        return TestResults.finished(callId).output(outputJson).build();
    }

    public static FuncResult finished(String callId, String outputJson, Map<String, Table> tables) {
        return TestResults.finished(callId).output(outputJson).tables(tables).build();
    }

    public static FuncResult failed(String callId, String type, String message) {
        return TestResults.failed(callId, type, message).build();
    }
}
