package dev.computefabric.gateway.console;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Instant;

/** Test data: {@code Statuses.of("c1", 3).state(RUNNING).on("exec-1").build()}, submitted {@code second} seconds after T0. */
final class Statuses {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static {
        // Builders fill defaults of generated types, which Avro only loads once they are trusted.
        SpecificRecords.trustGeneratedClasses();
    }

    private final CallStatus.Builder builder;

    private Statuses(String callId, long second) {
        Instant submitted = T0.plusSeconds(second);
        builder = CallStatus.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setState(CallState.ACCEPTED)
                .setCapset("any")
                .setReplyTo("fabric.replies.gw-a")
                .setSubmittedAt(submitted)
                .setUpdatedAt(submitted)
                .setArgs("{\"x\": 1}");
    }

    static Statuses of(String callId, long second) {
        return new Statuses(callId, second);
    }

    Statuses function(String function) {
        builder.setFunction(function);
        return this;
    }

    Statuses capset(String capset) {
        builder.setCapset(capset);
        return this;
    }

    Statuses caller(String caller) {
        builder.setCaller(caller);
        return this;
    }

    Statuses running(String executorId, long atSecond) {
        builder.setState(CallState.RUNNING).setExecutorId(executorId).setUpdatedAt(T0.plusSeconds(atSecond));
        return this;
    }

    Statuses progress(double fraction, String message) {
        builder.setProgress(fraction).setProgressMessage(message);
        return this;
    }

    Statuses ended(CallState state, String executorId, long startedSecond, long endedSecond) {
        FuncResult.Builder result = FuncResult.newBuilder()
                .setCallId(builder.getCallId())
                .setFunction(builder.getFunction())
                .setState(state)
                .setExecutorId(executorId)
                .setStartedAt(T0.plusSeconds(startedSecond))
                .setFinishedAt(T0.plusSeconds(endedSecond));
        if (state != CallState.FINISHED) {
            result.setError(ErrorInfo.newBuilder()
                    .setType("Boom")
                    .setMessage("it broke")
                    .build());
        } else {
            result.setOutput("{}");
        }
        builder.setState(state)
                .setExecutorId(executorId)
                .setUpdatedAt(T0.plusSeconds(endedSecond))
                .setResult(result.build());
        return this;
    }

    CallStatus build() {
        return builder.build();
    }
}
