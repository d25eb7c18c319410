package dev.computefabric.testing;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Instant;
import java.util.Map;

/**
 * Test-data builder for {@link FuncResult}s, the counterpart of {@link TestCalls}:
 * {@code TestResults.finished("c1").output("42").build()}.
 */
public final class TestResults {

    public static final Instant FINISHED_AT = TestCalls.SUBMITTED.plusSeconds(2);

    static {
        SpecificRecords.trustGeneratedClasses();
    }

    private final FuncResult.Builder result;

    private TestResults(String callId, CallState state) {
        result = FuncResult.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(state)
                .setExecutorId("executor-1")
                .setFinishedAt(FINISHED_AT);
    }

    /** A FINISHED result of {@code callId} with output {@code {}}. */
    public static TestResults finished(String callId) {
        return new TestResults(callId, CallState.FINISHED).output("{}");
    }

    public static TestResults result(String callId, CallState state) {
        return new TestResults(callId, state);
    }

    /** A FAILED result of {@code callId} with the error {@code type: message}. */
    public static TestResults failed(String callId, String type, String message) {
        TestResults failed = new TestResults(callId, CallState.FAILED);
        failed.result.setError(
                ErrorInfo.newBuilder().setType(type).setMessage(message).build());
        return failed;
    }

    public TestResults function(String function) {
        result.setFunction(function);
        return this;
    }

    public TestResults output(String json) {
        result.setOutput(json);
        return this;
    }

    public TestResults tables(Map<String, Table> tables) {
        result.setTables(tables);
        return this;
    }

    public TestResults executor(String executorId) {
        result.setExecutorId(executorId);
        return this;
    }

    public TestResults attempt(int attempt) {
        result.setAttempt(attempt);
        return this;
    }

    public FuncResult build() {
        return result.build();
    }
}
