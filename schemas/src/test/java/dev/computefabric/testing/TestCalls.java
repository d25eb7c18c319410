package dev.computefabric.testing;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-data builder for {@link FuncCall}s: only what a test cares about needs saying.
 * {@code TestCalls.call("echo").id("c1").replyTo("fabric.replies.g1").build()}.
 */
public final class TestCalls {

    public static final Instant SUBMITTED = Instant.parse("2030-01-01T00:00:00Z");

    static {
        // Builders fill defaults of generated types, which Avro only loads once they are trusted.
        SpecificRecords.trustGeneratedClasses();
    }

    private final FuncCall.Builder call;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private TestCalls(String function) {
        this.call = FuncCall.newBuilder()
                .setCallId("call-1")
                .setFunction(function)
                .setSubmittedAt(SUBMITTED)
                .setReplyTo(null);
    }

    /** A call of {@code function} with id {@code call-1}, submitted at {@link #SUBMITTED}. */
    public static TestCalls call(String function) {
        return new TestCalls(function);
    }

    public TestCalls id(String callId) {
        call.setCallId(callId);
        return this;
    }

    public TestCalls function(String function) {
        call.setFunction(function);
        return this;
    }

    public TestCalls args(String json) {
        call.setArgs(json);
        return this;
    }

    /** The authenticated principal the gateway set. */
    public TestCalls caller(String caller) {
        call.setCaller(caller);
        return this;
    }

    public TestCalls slots(int slots) {
        call.setSlots(slots);
        return this;
    }

    public TestCalls timeoutMs(long timeoutMs) {
        call.setTimeoutMs(timeoutMs);
        return this;
    }

    public TestCalls replyTo(String topic) {
        call.setReplyTo(topic);
        return this;
    }

    public TestCalls attempt(int attempt) {
        call.setAttempt(attempt);
        return this;
    }

    /** A cacheable call: its key and TTL, as the gateway sets them. */
    public TestCalls cached(String cacheKey, long ttlMs) {
        call.setCacheKey(cacheKey).setCacheTtlMs(ttlMs);
        return this;
    }

    public TestCalls csv(String name, String text) {
        return table(name, TableFormat.CSV, text);
    }

    public TestCalls jsonl(String name, String text) {
        return table(name, TableFormat.JSONL, text);
    }

    public TestCalls table(String name, TableFormat format, String text) {
        tables.put(name, inline(format, text));
        return this;
    }

    public FuncCall build() {
        return call.setTables(new LinkedHashMap<>(tables)).build();
    }

    public static Table inline(TableFormat format, String text) {
        return Table.newBuilder()
                .setFormat(format)
                .setData(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
