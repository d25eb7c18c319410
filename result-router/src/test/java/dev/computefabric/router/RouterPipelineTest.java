package dev.computefabric.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineMap;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.TestCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The router drives pipelines: a step's end starts the steps it unblocks, with references replaced; a map step
 * runs one call per chunk and a reduce gets their outputs in order; a failure stops the rest and runs onFailure; a
 * cancel stops every running step.
 */
class RouterPipelineTest {

    private static final String REPLIES = Topics.replies("gw-1");
    private static final String HIGH = Topics.calls(Capset.of(), Priority.HIGH);
    private static final Table SALES = TestCalls.inline(TableFormat.CSV, "id,amount\n1,10\n2,20\n");

    @RegisterExtension
    final RouterDriver router = new RouterDriver();

    @Test
    void aStepsEndStartsTheNextWithItsOutputsAndTablesFilledIn() {
        router.pipeline(pipeline(
                "p1",
                step("load", "table.copy", "{}", Map.of("in", "${tables.sales}")),
                step("describe", "table.describe", "{}", Map.of("data", "${load.tables.out}")),
                step(
                        "report",
                        "echo",
                        "{\"rows\": \"${describe.output.rows}\", \"note\": \"rows=${describe.output.rows}\"}",
                        Map.of())));

        FuncCall load = single(router.calls(RouterDriver.ANY));
        assertThat(load.getCallId()).isEqualTo("p1.load");
        assertThat(load.getPipelineId()).isEqualTo("p1");
        assertThat(load.getCaller()).isEqualTo("alice");
        assertThat(load.getTables()).containsEntry("in", SALES);
        finish(load, "{\"copied\": true}", Map.of("out", SALES));

        FuncCall describe = single(router.calls(HIGH));
        assertThat(describe.getCallId()).isEqualTo("p1.describe");
        assertThat(describe.getPriority())
                .as("a running pipeline's next step goes first")
                .isEqualTo(Priority.HIGH);
        assertThat(describe.getTables()).containsEntry("data", SALES);
        finish(describe, "{\"rows\": 2}", Map.of());

        FuncCall report = single(router.calls(HIGH));
        assertThat(report.getArgs()).isEqualTo("{\"rows\":2,\"note\":\"rows=2\"}");
        finish(report, "{\"ok\": true}", Map.of());

        PipelineStatus end = last(router.pipelineStatuses());
        assertThat(end.getState()).isEqualTo(CallState.FINISHED);
        assertThat(end.getSteps()).extracting(StepStatus::getState).containsOnly(StepState.FINISHED);
        assertThat(single(router.replies(REPLIES))).satisfies(reply -> {
            assertThat(reply.getCallId()).isEqualTo("p1");
            assertThat(reply.getState()).isEqualTo(CallState.FINISHED);
            assertThat(reply.getOutput()).contains("\"report\":{\"ok\":true}");
            assertThat(reply.getTables()).containsKey("load.out");
        });
    }

    /** A foreign executor broke the contract: its text is the step's output as a string, not the number it starts with. */
    @Test
    void anOutputThatIsNotJsonIsKeptAsItsText() {
        router.pipeline(pipeline("p9", step("count", "wc", "{}", Map.of())));

        finish(single(router.calls(RouterDriver.ANY)), "3 rows", Map.of());

        assertThat(single(router.replies(REPLIES)).getOutput()).contains("\"count\":\"3 rows\"");
    }

    @Test
    void aMapRunsOneCallPerChunkAndItsReduceGetsTheirOutputsInChunkOrder() {
        PipelineStep parts = step("parts", "table.describe", "{}", Map.of("data", "${tables.sales}"));
        parts.setMap(new PipelineMap("data", 3));
        router.pipeline(pipeline(
                "p2", parts, step("total", "table.describe.merge", "{\"parts\": \"${parts.output}\"}", Map.of())));

        List<FuncCall> chunks = router.calls(RouterDriver.ANY);
        assertThat(chunks).extracting(FuncCall::getCallId).containsExactly("p2.parts.0", "p2.parts.1", "p2.parts.2");
        assertThat(chunks)
                .extracting(call -> call.getTables().get("data").getChunk().getIndex())
                .containsExactly(0, 1, 2);
        assertThat(chunks)
                .allSatisfy(call -> assertThat(
                                call.getTables().get("data").getChunk().getCount())
                        .isEqualTo(3));
        finish(chunks.get(2), "{\"rows\": 3}", Map.of());
        finish(chunks.get(0), "{\"rows\": 1}", Map.of());
        assertThat(router.calls(HIGH)).as("no reduce before every chunk ended").isEmpty();
        finish(chunks.get(1), "{\"rows\": 2}", Map.of());

        FuncCall total = single(router.calls(HIGH));
        assertThat(total.getArgs()).isEqualTo("{\"parts\":[{\"rows\":1},{\"rows\":2},{\"rows\":3}]}");
    }

    @Test
    void aCachedStepAskedAgainByAnotherPipelineIsAnsweredFromTheCacheWithoutRunning() {
        router.pipeline(
                pipeline("p1", cached(step("describe", "table.describe", "{}", Map.of("data", "${tables.sales}")))));
        FuncCall ran = single(router.calls(RouterDriver.ANY));
        assertThat(ran.getCacheKey()).isNotNull();
        assertThat(ran.getCacheTtlMs()).isEqualTo(600_000L);
        finish(ran, "{\"rows\": 2}", Map.of());
        assertThat(last(router.pipelineStatuses()).getState()).isEqualTo(CallState.FINISHED);

        router.pipeline(
                pipeline("p2", cached(step("describe", "table.describe", "{}", Map.of("data", "${tables.sales}")))));

        assertThat(router.calls(RouterDriver.ANY))
                .as("nothing runs: the cache answers")
                .isEmpty();
        PipelineStatus end = last(router.pipelineStatuses());
        assertThat(end.getPipelineId()).isEqualTo("p2");
        assertThat(end.getState()).isEqualTo(CallState.FINISHED);
        assertThat(single(end.getSteps()).getOutput()).isEqualTo("{\"rows\": 2}");
    }

    @Test
    void eachChunkOfACachedMapStepHasAKeyOfItsOwnAndAnUncachedStepHasNone() {
        PipelineStep parts = cached(step("parts", "table.describe", "{}", Map.of("data", "${tables.sales}")));
        parts.setMap(new PipelineMap("data", 2));
        router.pipeline(pipeline("p3", parts, step("plain", "echo", "{}", Map.of())));

        List<FuncCall> calls = router.calls(RouterDriver.ANY);
        assertThat(calls)
                .extracting(FuncCall::getCallId)
                .containsExactlyInAnyOrder("p3.parts.0", "p3.parts.1", "p3.plain");
        assertThat(calls)
                .filteredOn(call -> call.getCallId().startsWith("p3.parts"))
                .extracting(FuncCall::getCacheKey)
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        assertThat(calls)
                .filteredOn(call -> call.getCallId().equals("p3.plain"))
                .extracting(FuncCall::getCacheKey)
                .containsOnlyNulls();
    }

    @Test
    void aFailedStepStopsTheOthersRunsOnFailureAndFailsThePipeline() {
        Pipeline pipeline = pipeline(
                "p3",
                step("a", "fail", "{}", Map.of()),
                step("b", "sleep", "{}", Map.of()),
                step("c", "echo", "{\"x\": \"${a.output}\"}", Map.of()));
        pipeline.setOnFailure(step("alert", "echo", "{\"what\": \"${failure}\"}", Map.of()));
        router.pipeline(pipeline);
        List<FuncCall> first = router.calls(RouterDriver.ANY);
        assertThat(first).extracting(FuncCall::getCallId).containsExactly("p3.a", "p3.b");

        end(first.get(0), CallState.FAILED, null, new ErrorInfo("FunctionFailed", "boom", false));

        assertThat(router.cancels()).extracting(ControlCommand::getCallId).containsExactly("p3.b");
        FuncCall alert = single(router.calls(HIGH));
        assertThat(alert.getArgs())
                .isEqualTo("{\"what\":{\"step\":\"a\",\"state\":\"FAILED\","
                        + "\"error\":{\"type\":\"FunctionFailed\",\"message\":\"boom\"}}}");
        assertThat(last(router.pipelineStatuses()).getState())
                .as("still running its onFailure step")
                .isEqualTo(CallState.RUNNING);
        finish(alert, "{}", Map.of());

        PipelineStatus end = last(router.pipelineStatuses());
        assertThat(end.getState()).isEqualTo(CallState.FAILED);
        assertThat(end.getError().getMessage()).isEqualTo("step 'a' ended FAILED: boom");
        assertThat(end.getSteps())
                .extracting(StepStatus::getName, StepStatus::getState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", StepState.FAILED),
                        org.assertj.core.groups.Tuple.tuple("b", StepState.CANCELLED),
                        org.assertj.core.groups.Tuple.tuple("c", StepState.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("alert", StepState.FINISHED));
    }

    @Test
    void aCancelStopsEveryRunningStepAndNothingMoreStarts() {
        router.pipeline(
                pipeline("p4", step("a", "sleep", "{}", Map.of()), step("b", "sleep", "{}", Map.of()), afterA()));
        List<FuncCall> running = router.calls(RouterDriver.ANY);

        router.cancelPipeline("p4");

        assertThat(router.cancels()).extracting(ControlCommand::getCallId).containsExactlyInAnyOrder("p4.a", "p4.b");
        PipelineStatus end = last(router.pipelineStatuses());
        assertThat(end.getState()).isEqualTo(CallState.CANCELLED);
        assertThat(end.getError().getMessage()).isEqualTo("pipeline cancelled by tester");
        finish(running.get(0), "{}", Map.of());
        assertThat(router.calls(HIGH)).as("a late result starts nothing").isEmpty();
        assertThat(single(router.replies(REPLIES)).getState()).isEqualTo(CallState.CANCELLED);
    }

    @Test
    void aFactReadAgainAfterARestartSendsWhatItStartedAgain() {
        Pipeline pipeline = aThenB("p7");
        router.pipeline(pipeline);
        FuncCall a = single(router.calls(RouterDriver.ANY));
        router.pipeline(pipeline);
        assertThat(single(router.calls(RouterDriver.ANY)).getCallId())
                .as("the pipeline read again: its first step's call, in case it was lost")
                .isEqualTo("p7.a");

        finish(a, "{\"n\": 1}", Map.of());
        FuncCall b = single(router.calls(HIGH));
        finish(a, "{\"n\": 1}", Map.of());

        assertThat(single(router.calls(HIGH)))
                .as("a's end read again: b's call again, the same")
                .satisfies(again -> {
                    assertThat(again.getCallId()).isEqualTo(b.getCallId());
                    assertThat(again.getArgs()).isEqualTo(b.getArgs());
                });
        finishesOnce(b);
    }

    @Test
    void aStepRunAgainAfterARestartReadItsEndFirstStillMovesThePipelineOn() {
        Pipeline pipeline = aThenB("p8");
        router.pipeline(pipeline);
        FuncCall a = single(router.calls(RouterDriver.ANY));
        finish(a, "{\"n\": 1}", Map.of());
        single(router.calls(HIGH));
        // Killed before its commit: the run never reached the changelog, and the router that takes over read a's
        // end first (nothing to apply it to) and then the pipeline, which starts a again.
        router.losePipelineRun("p8");
        router.pipeline(pipeline);
        assertThat(single(router.calls(RouterDriver.ANY)).getCallId()).isEqualTo("p8.a");

        finish(a, "{\"n\": 2}", Map.of());

        FuncCall b = single(router.calls(HIGH));
        assertThat(b.getArgs()).as("b gets the end a's caller saw").isEqualTo("{\"x\":{\"n\":1}}");
        finishesOnce(b);
    }

    @Test
    void aStepThatRanTwiceStartsNothingTwice() {
        Pipeline pipeline = aThenB("p9");
        router.pipeline(pipeline);
        FuncCall a = single(router.calls(RouterDriver.ANY));
        finish(a, "{\"n\": 1}", Map.of());
        FuncCall b = single(router.calls(HIGH));

        // Its lock ran out while it ran, and another executor ran it too.
        finish(a, "{\"n\": 2}", Map.of());

        assertThat(router.calls(HIGH)).as("b is not sent again").isEmpty();
        finishesOnce(b);
    }

    @Test
    void aSameNodeStepTravelsWithTheCallItFollowsAndIsOnlyAnnouncedToTheLifecycle() {
        PipelineStep describe = step(
                "describe",
                "table.describe",
                "{\"rows\": \"${gen.output.rows}\"}",
                Map.of("data", "${gen.tables.data}", "extra", "${tables.sales}"));
        describe.setSameNode(true);
        router.pipeline(pipeline("p8", step("gen", "table.generate", "{\"rows\": 5}", Map.of()), describe));

        FuncCall gen = single(router.calls(RouterDriver.ANY));
        assertThat(gen.getNext()).satisfies(next -> {
            assertThat(next.getCallId()).isEqualTo("p8.describe");
            assertThat(next.getPrevious()).isEqualTo("gen");
            assertThat(next.getArgs())
                    .as("the node fills in gen's output")
                    .isEqualTo("{\"rows\":\"${gen.output.rows}\"}");
            assertThat(next.getPreviousTables()).containsExactly(Map.entry("data", "data"));
            assertThat(next.getTables()).containsOnlyKeys("extra");
        });
        finish(gen, "{\"rows\": 5}", Map.of());

        assertThat(router.calls(HIGH)).as("not sent to run: the node runs it").isEmpty();
        assertThat(router.calls(RouterDriver.ANY)).isEmpty();
        FuncCall announced = single(router.calls(Topics.CACHE_ACCEPTED));
        assertThat(announced.getCallId()).isEqualTo("p8.describe");
        assertThat(last(router.pipelineStatuses()).getSteps().get(1).getState()).isEqualTo(StepState.RUNNING);

        router.result(result(announced, CallState.FINISHED, null));
        assertThat(last(router.pipelineStatuses()).getState()).isEqualTo(CallState.FINISHED);
    }

    @Test
    void aPipelineThatCannotRunFailsSayingWhy() {
        router.pipeline(pipeline(
                "p5",
                step("a", "echo", "{\"x\": \"${b.output}\"}", Map.of()),
                step("b", "echo", "{\"x\": \"${a.output}\"}", Map.of())));

        PipelineStatus end = single(router.pipelineStatuses());
        assertThat(end.getState()).isEqualTo(CallState.FAILED);
        assertThat(end.getError().getType()).isEqualTo("BadPipeline");
        assertThat(end.getError().getMessage()).contains("in a circle");
        assertThat(router.calls(RouterDriver.ANY)).isEmpty();
    }

    @Test
    void everyStepGetsWhatIsLeftOfThePipelinesDeadline() {
        Pipeline pipeline = pipeline("p6", step("a", "echo", "{}", Map.of()));
        pipeline.setTimeoutMs(60_000L);
        router.pipeline(pipeline);

        FuncCall a = single(router.calls(RouterDriver.ANY));
        assertThat(a.getTimeoutMs()).isPositive().isLessThanOrEqualTo(60_000L);
        assertThat(a.getSubmittedAt().toEpochMilli() + a.getTimeoutMs())
                .isEqualTo(TestCalls.SUBMITTED.toEpochMilli() + 60_000L);
    }

    private static PipelineStep afterA() {
        return PipelineStep.newBuilder()
                .setName("c")
                .setFunction("echo")
                .setAfter(List.of("a"))
                .build();
    }

    /** Two echo steps, b taking a's output. */
    private static Pipeline aThenB(String id) {
        return pipeline(id, step("a", "echo", "{}", Map.of()), step("b", "echo", "{\"x\": \"${a.output}\"}", Map.of()));
    }

    /** The last step ends: the pipeline ends FINISHED and its caller gets one completion. */
    private void finishesOnce(FuncCall lastStep) {
        finish(lastStep, "{}", Map.of());
        assertThat(last(router.pipelineStatuses()).getState()).isEqualTo(CallState.FINISHED);
        assertThat(router.replies(REPLIES)).hasSize(1);
    }

    private void finish(FuncCall call, String output, Map<String, Table> tables) {
        FuncResult result = result(call, CallState.FINISHED, null);
        result.setOutput(output);
        result.setTables(tables);
        deliver(call, result);
    }

    private void end(FuncCall call, CallState state, String output, ErrorInfo error) {
        FuncResult result = result(call, state, error);
        result.setOutput(output);
        deliver(call, result);
    }

    /** What the fabric does with a step's call: the lifecycle reads it from its topic, an executor answers. */
    private void deliver(FuncCall call, FuncResult result) {
        router.call(Topics.calls(Capset.of(call.getRequirements()), call.getPriority()), call);
        router.result(result);
    }

    private static FuncResult result(FuncCall call, CallState state, ErrorInfo error) {
        return FuncResult.newBuilder()
                .setCallId(call.getCallId())
                .setFunction(call.getFunction())
                .setState(state)
                .setError(error)
                .setExecutorId("exec-1")
                .setFinishedAt(TestCalls.SUBMITTED.plusSeconds(1))
                .build();
    }

    private static Pipeline pipeline(String id, PipelineStep... steps) {
        return Pipeline.newBuilder()
                .setPipelineId(id)
                .setSteps(List.of(steps))
                .setTables(Map.of("sales", SALES))
                .setCaller("alice")
                .setSubmittedAt(TestCalls.SUBMITTED)
                .setReplyTo(REPLIES)
                .build();
    }

    private static PipelineStep step(String name, String function, String args, Map<String, String> tables) {
        return PipelineStep.newBuilder()
                .setName(name)
                .setFunction(function)
                .setArgs(args)
                .setTables(tables)
                .build();
    }

    private static PipelineStep cached(PipelineStep step) {
        step.setCacheTtlMs(600_000L);
        return step;
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static <T> T last(List<T> values) {
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }
}
