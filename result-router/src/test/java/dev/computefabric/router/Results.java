package dev.computefabric.router;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Instant;

/** Test data: {@code Results.finished("c1").output("42").build()}. */
final class Results {

    static final Instant FINISHED_AT = Calls.SUBMITTED.plusSeconds(2);

    static {
        // Builders fill defaults of generated types, which Avro only loads once they are trusted.
        SpecificRecords.trustGeneratedClasses();
    }

    private final FuncResult.Builder builder;

    private Results(String callId, CallState state) {
        builder = FuncResult.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(state)
                .setExecutorId("executor-1")
                .setFinishedAt(FINISHED_AT);
    }

    static Results finished(String callId) {
        return new Results(callId, CallState.FINISHED).output("{}");
    }

    static Results result(String callId, CallState state) {
        return new Results(callId, state);
    }

    Results output(String json) {
        builder.setOutput(json);
        return this;
    }

    Results executor(String executorId) {
        builder.setExecutorId(executorId);
        return this;
    }

    Results attempt(int attempt) {
        builder.setAttempt(attempt);
        return this;
    }

    FuncResult build() {
        return builder.build();
    }
}
