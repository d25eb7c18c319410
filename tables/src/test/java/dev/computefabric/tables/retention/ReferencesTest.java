package dev.computefabric.tables.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.NextStep;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferencesTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(3));
    private static final Instant RECENTLY = NOW.minus(Duration.ofMinutes(5));

    private final References references = new References();

    @BeforeAll
    static void trustAvro() {
        SpecificRecords.trustGeneratedClasses();
    }

    @Test
    void theInputsOfALiveCallAreReferencedHoweverOldItIs() {
        references.call(call("c1", "in1"), LONG_AGO, NOW, RETENTION);
        references.status("c1", status("c1", CallState.RUNNING, LONG_AGO, null));

        assertThat(references.referenced()).containsExactly("in1");
        assertThat(references.liveCalls()).isOne();
    }

    @Test
    void theInputsOfAnOldQueuedCallTheRouterHasNotSeenYetAreReferenced() {
        // The router may be stopped, behind, or holding the call's first status back: no status is not "ended".
        references.call(call("c1", "in1"), LONG_AGO, NOW, RETENTION);

        assertThat(references.referenced()).containsExactly("in1");
        assertThat(references.liveCalls()).isOne();
    }

    @Test
    void theInputsOfAnOldCallThatEndedAreNot() {
        references.call(call("c1", "in1"), LONG_AGO, NOW, RETENTION);
        references.status("c1", status("c1", CallState.FINISHED, LONG_AGO, result("c1")));

        assertThat(references.referenced()).isEmpty();
        assertThat(references.liveCalls()).isZero();
    }

    @Test
    void theInputsOfAnOldCallWhoseStatusWasTombstonedAreNot() {
        references.call(call("c1", "in1"), LONG_AGO, NOW, RETENTION);
        references.status("c1", null);

        assertThat(references.referenced()).isEmpty();
    }

    @Test
    void theInputsOfACallWhoseDeadlinePassedMoreThanARetentionPeriodAgoAreNot() {
        FuncCall expired = call("c1", "in1");
        expired.setTimeoutMs(Duration.ofMinutes(1).toMillis());
        FuncCall stillRunnable = call("c2", "in2");
        stillRunnable.setTimeoutMs(Duration.ofDays(3).toMillis());

        references.call(expired, LONG_AGO, NOW, RETENTION);
        references.call(stillRunnable, LONG_AGO, NOW, RETENTION);

        assertThat(references.referenced()).containsExactly("in2");
    }

    @Test
    void theTablesOfASameNodeStepAreReferencedUntilThatStepEnded() {
        // The node runs the carried step after the carrying call FINISHED: the carrier's end does not free its tables.
        references.call(withNextStep(call("c1", "in1"), "c2", "next-in"), LONG_AGO, NOW, RETENTION);
        references.status("c1", status("c1", CallState.FINISHED, LONG_AGO, result("c1")));
        references.status("c2", status("c2", CallState.RUNNING, LONG_AGO, null));

        assertThat(references.referenced()).containsExactly("next-in");

        references.status("c2", status("c2", CallState.FINISHED, LONG_AGO, result("c2")));
        assertThat(references.referenced()).isEmpty();
    }

    @Test
    void theInputsOfARecentCallAreReferencedEvenAfterItEnded() {
        references.call(call("c2", "in2"), RECENTLY, NOW, RETENTION);
        references.status("c2", status("c2", CallState.FINISHED, RECENTLY, result("c2")));

        assertThat(references.referenced()).containsExactly("in2");
    }

    @Test
    void inlineTablesAreNoReferences() {
        FuncCall call = call("c3", "stored");
        call.getTables()
                .put(
                        "small",
                        Table.newBuilder()
                                .setFormat(TableFormat.CSV)
                                .setData(ByteBuffer.wrap(new byte[] {1}))
                                .build());

        references.call(call, RECENTLY, NOW, RETENTION);

        assertThat(references.referenced()).containsExactly("stored");
    }

    @Test
    void theOutputsOfAnEndedCallAreReferencedUntilItsStatusIsTombstoned() {
        references.status("c4", status("c4", CallState.FINISHED, LONG_AGO, result("c4", "out4")));
        assertThat(references.referenced()).containsExactly("out4");

        references.status("c4", null);

        assertThat(references.referenced()).isEmpty();
    }

    @Test
    void onlyTheLatestStatusCounts() {
        references.call(call("c5", "in5"), LONG_AGO, NOW, RETENTION);
        references.status("c5", status("c5", CallState.ACCEPTED, LONG_AGO, null));
        references.status("c5", status("c5", CallState.FAILED, LONG_AGO, null));

        assertThat(references.referenced()).isEmpty();
        assertThat(references.liveCalls()).isZero();
    }

    private static CallStatus status(String callId, CallState state, Instant submittedAt, FuncResult result) {
        return CallStatus.newBuilder()
                .setCallId(callId)
                .setFunction("f")
                .setState(state)
                .setCapset("any")
                .setSubmittedAt(submittedAt)
                .setUpdatedAt(submittedAt)
                .setResult(result)
                .build();
    }

    private static FuncResult result(String callId, String... outputHashes) {
        Map<String, Table> tables = new java.util.HashMap<>();
        for (String hash : outputHashes) {
            tables.put("t-" + hash, stored(hash));
        }
        return FuncResult.newBuilder()
                .setCallId(callId)
                .setFunction("f")
                .setState(CallState.FINISHED)
                .setTables(tables)
                .setFinishedAt(NOW)
                .build();
    }

    private static FuncCall call(String callId, String inputHash) {
        Map<String, Table> tables = new java.util.HashMap<>();
        tables.put("input", stored(inputHash));
        return FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction("f")
                .setTables(tables)
                .setSubmittedAt(LONG_AGO)
                .build();
    }

    private static FuncCall withNextStep(FuncCall carrier, String stepCallId, String inputHash) {
        carrier.setNext(NextStep.newBuilder()
                .setCallId(stepCallId)
                .setStep("second")
                .setPrevious("first")
                .setFunction("f")
                .setTables(Map.of("data", stored(inputHash)))
                .build());
        return carrier;
    }

    private static Table stored(String hash) {
        return Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(TableRef.newBuilder()
                        .setUri("s3://fabric/tables/" + hash)
                        .setFormat(TableFormat.CSV)
                        .setSizeBytes(1)
                        .setSha256(hash)
                        .build())
                .build();
    }
}
