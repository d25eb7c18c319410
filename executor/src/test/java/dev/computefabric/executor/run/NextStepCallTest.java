package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.NextStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.testing.TestCalls;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NextStepCallTest {

    static final Instant NOW = TestCalls.SUBMITTED.plusSeconds(10);
    static final Table KEPT = TestCalls.inline(TableFormat.CSV, "a\n1\n");
    static final Table KNOWN = TestCalls.inline(TableFormat.CSV, "b\n2\n");

    @Test
    void theNextStepsArgsAreFilledInFromTheOutputOfTheCallThatRanBeforeIt() {
        NextStepCall.Start start = NextStepCall.of(
                carrier(next().setArgs("{\"rows\": \"${gen.output.rows}\", \"label\": \"n=${gen.output.rows}\","
                        + " \"all\": \"${gen.output}\", \"literal\": \"$${gen.output}\"}")),
                finished("{\"rows\": 100000}"),
                Map.of(),
                "node-1",
                NOW);

        assertThat(start).isInstanceOf(NextStepCall.Run.class);
        assertThat(start.call().getArgs())
                .isEqualTo("{\"rows\":100000,\"label\":\"n=100000\",\"all\":{\"rows\":100000},"
                        + "\"literal\":\"${gen.output}\"}");
    }

    @Test
    void theNextStepsCallIsItsOwnCallWithTheCarriersCallerPriorityPipelineAndRequirements() {
        FuncCall call = NextStepCall.of(carrier(next()), finished("{}"), Map.of(), "node-1", NOW)
                .call();

        assertThat(call.getCallId()).isEqualTo("p1.describe");
        assertThat(call.getFunction()).isEqualTo("table.describe");
        assertThat(call.getCaller()).isEqualTo("alice");
        assertThat(call.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(call.getPipelineId()).isEqualTo("p1");
        assertThat(call.getRequirements()).containsExactly("gpu");
        assertThat(call.getSlots()).isEqualTo(2);
        assertThat(call.getSubmittedAt()).isEqualTo(NOW);
        assertThat(call.getAttempt()).isZero();
        assertThat(call.getNext()).isNull();
        assertThat(call.getReplyTo()).isNull();
    }

    @Test
    void theNextStepTakesTheTablesKnownBeforeAndTheCarriersOutputTablesKeptOnTheNode() {
        FuncCall call = NextStepCall.of(
                        carrier(next().setTables(Map.of("known", KNOWN)).setPreviousTables(Map.of("data", "out"))),
                        finished("{}"),
                        Map.of("out", KEPT),
                        "node-1",
                        NOW)
                .call();

        assertThat(call.getTables()).containsOnly(Map.entry("known", KNOWN), Map.entry("data", KEPT));
    }

    @Test
    void aPartTheOutputLacksFailsTheNextStepWithBadReferenceSayingWhatWasThere() {
        NextStepCall.Start start = NextStepCall.of(
                carrier(next().setArgs("{\"rows\": \"${gen.output.count}\"}")),
                finished("{\"rows\": 3}"),
                Map.of(),
                "node-1",
                NOW);

        FuncResult result = ((NextStepCall.Ended) start).result();
        assertThat(result.getCallId()).isEqualTo("p1.describe");
        assertThat(result.getState()).isEqualTo(CallState.FAILED);
        assertThat(result.getError().getType()).isEqualTo("BadReference");
        assertThat(result.getError().getRetryable()).isFalse();
        assertThat(result.getError().getMessage())
                .isEqualTo("step 'describe': ${gen.output.count} is not there: ${gen.output} is {\"rows\": 3}");
    }

    @Test
    void aTableTheCarrierDidNotWriteFailsTheNextStepWithBadReferenceNamingWhatItWrote() {
        NextStepCall.Start start = NextStepCall.of(
                carrier(next().setPreviousTables(Map.of("data", "missing"))),
                finished("{}"),
                Map.of("out", KEPT),
                "node-1",
                NOW);

        FuncResult result = ((NextStepCall.Ended) start).result();
        assertThat(result.getError().getType()).isEqualTo("BadReference");
        assertThat(result.getError().getMessage()).contains("wrote no table 'missing' (it wrote [out])");
    }

    @Test
    void aReferenceToAnotherStepCannotBeFilledInOnTheNode() {
        NextStepCall.Start start = NextStepCall.of(
                carrier(next().setArgs("{\"x\": \"${other.output}\"}")), finished("{}"), Map.of(), "node-1", NOW);

        assertThat(((NextStepCall.Ended) start).result().getError().getMessage())
                .contains("${other.output} cannot be filled in on the node");
    }

    @Test
    void theTimeoutIsWhatIsLeftOfThePipelinesDeadline() {
        FuncCall call = NextStepCall.of(
                        carrier(next().setDeadlineAt(NOW.plusMillis(1500))), finished("{}"), Map.of(), "node-1", NOW)
                .call();

        assertThat(call.getTimeoutMs()).isEqualTo(1500);
        assertThat(NextStepCall.of(carrier(next()), finished("{}"), Map.of(), "node-1", NOW)
                        .call()
                        .getTimeoutMs())
                .isNull();
    }

    @Test
    void aNextStepWhoseDeadlinePassedEndsTimedOutWithoutRunning() {
        NextStepCall.Start start =
                NextStepCall.of(carrier(next().setDeadlineAt(NOW)), finished("{}"), Map.of(), "node-1", NOW);

        FuncResult result = ((NextStepCall.Ended) start).result();
        assertThat(result.getState()).isEqualTo(CallState.TIMED_OUT);
        assertThat(result.getStartedAt()).isNull();
        assertThat(result.getError().getMessage()).contains("step 'describe'");
    }

    static NextStep.Builder next() {
        return NextStep.newBuilder()
                .setCallId("p1.describe")
                .setStep("describe")
                .setPrevious("gen")
                .setFunction("table.describe")
                .setArgs("{}");
    }

    static FuncCall carrier(NextStep.Builder next) {
        FuncCall call = TestCalls.call("table.generate")
                .id("p1.gen")
                .caller("alice")
                .slots(2)
                .build();
        call.setPriority(Priority.HIGH);
        call.setPipelineId("p1");
        call.setRequirements(List.of("gpu"));
        call.setNext(next.build());
        return call;
    }

    static FuncResult finished(String output) {
        return Results.finished(
                TestCalls.call("table.generate").id("p1.gen").build(), "node-1", output, Map.of(), NOW, NOW);
    }
}
