package dev.computefabric.router;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.time.Instant;

/** Test data: {@code Calls.call("c1").replyTo("fabric.replies.g1").build()}. */
final class Calls {

    static final Instant SUBMITTED = Instant.parse("2026-01-01T00:00:00Z");

    static {
        // Builders fill defaults of generated types, which Avro only loads once they are trusted.
        SpecificRecords.trustGeneratedClasses();
    }

    private final FuncCall.Builder builder;

    private Calls(String callId) {
        builder = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction("echo")
                .setSubmittedAt(SUBMITTED)
                .setReplyTo(null);
    }

    static Calls call(String callId) {
        return new Calls(callId);
    }

    Calls function(String function) {
        builder.setFunction(function);
        return this;
    }

    Calls args(String json) {
        builder.setArgs(json);
        return this;
    }

    Calls caller(String caller) {
        builder.setCaller(caller);
        return this;
    }

    Calls replyTo(String topic) {
        builder.setReplyTo(topic);
        return this;
    }

    Calls timeoutMs(long timeoutMs) {
        builder.setTimeoutMs(timeoutMs);
        return this;
    }

    Calls attempt(int attempt) {
        builder.setAttempt(attempt);
        return this;
    }

    /** A cacheable call: its key and TTL, as the gateway sets them. */
    Calls cached(String cacheKey, long ttlMs) {
        builder.setCacheKey(cacheKey).setCacheTtlMs(ttlMs);
        return this;
    }

    FuncCall build() {
        return builder.build();
    }
}
