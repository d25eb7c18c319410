package dev.computefabric.router;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.testing.TestCalls;
import java.time.Instant;

/** Test data: {@code Events.started("c1").attempt(1).build()}. */
public final class Events {

    public static final Instant STARTED_AT = TestCalls.SUBMITTED.plusSeconds(1);

    static {
        // Builders fill defaults of generated types, which Avro only loads once they are trusted.
        SpecificRecords.trustGeneratedClasses();
    }

    private final CallEvent.Builder builder;

    private Events(String callId, CallEventType type) {
        builder = CallEvent.newBuilder()
                .setCallId(callId)
                .setType(type)
                .setExecutorId("executor-1")
                .setAt(STARTED_AT);
    }

    public static Events started(String callId) {
        return new Events(callId, CallEventType.STARTED);
    }

    public static Events event(String callId, CallEventType type) {
        return new Events(callId, type);
    }

    public Events executor(String executorId) {
        builder.setExecutorId(executorId);
        return this;
    }

    /** A PROGRESS event {@code millisAfterStart} after {@link #STARTED_AT}. */
    public static Events progress(String callId, double fraction, String message, long millisAfterStart) {
        Events events = event(callId, CallEventType.PROGRESS);
        events.builder.setProgress(fraction).setMessage(message).setAt(STARTED_AT.plusMillis(millisAfterStart));
        return events;
    }

    public Events attempt(int attempt) {
        builder.setAttempt(attempt);
        return this;
    }

    public CallEvent build() {
        return builder.build();
    }
}
