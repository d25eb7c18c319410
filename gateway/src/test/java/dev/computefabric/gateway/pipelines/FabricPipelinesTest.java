package dev.computefabric.gateway.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.Priority;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.Caching;
import dev.computefabric.gateway.calls.CallFactory;
import dev.computefabric.gateway.calls.CallForbiddenException;
import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.CallSubmission;
import dev.computefabric.gateway.calls.CallTopics;
import dev.computefabric.gateway.calls.Caller;
import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.calls.PendingReplies;
import dev.computefabric.gateway.calls.QuotaExceededException;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.IdempotencyKeys;
import dev.computefabric.schemas.Topics;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import dev.computefabric.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Submitting, finding, waiting for and cancelling pipelines, with Kafka replaced by recorders and time by a clock. */
class FabricPipelinesTest {

    private final SettableClock clock = new SettableClock(Instant.ofEpochSecond(1_700_000_000));
    private final List<Pipeline> published = new CopyOnWriteArrayList<>();
    private final List<ControlCommand> cancels = new CopyOnWriteArrayList<>();
    private final Set<String> topics = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CallTopics callTopics = (capset, priority) -> {
        topics.add(Topics.calls(capset, priority));
        return CompletableFuture.completedFuture(Topics.calls(capset, priority));
    };
    private final TableStore unreachableStore = new TableStore(S3Settings.of("http://127.0.0.1:1"));
    private final RecentPipelines recent = new RecentPipelines(100);
    private final PendingReplies pending = new PendingReplies(clock);
    private final PipelineWaits waits = new PipelineWaits(recent, pending);
    private final PipelineRequestParser parser =
            new PipelineRequestParser(new CallRequestParser(Duration.ofSeconds(60), 1 << 20), Caching.Policy.DEFAULTS);

    private FabricPipelines pipelines(CallGuard guard) {
        return new FabricPipelines(
                new PipelineFactory(
                        new CallFactory(
                                new Tables(unreachableStore, 1024),
                                "fabric.replies.gw",
                                clock,
                                Caching.Policy.DEFAULTS),
                        "fabric.replies.gw",
                        clock),
                new PipelineAdmission(FunctionChecks.none(), guard, callTopics),
                (pipeline, trace) -> {
                    published.add(pipeline);
                    return CompletableFuture.completedFuture(null);
                },
                recent,
                waits);
    }

    private final FabricPipelines pipelines = pipelines(CallGuard.OPEN);
    private final PipelineCancellations cancellations = new PipelineCancellations(
            waits,
            (command, partition) -> {
                cancels.add(command);
                return CompletableFuture.completedFuture(null);
            },
            "gw",
            clock);

    @AfterEach
    void closeStore() {
        unreachableStore.close();
    }

    private PipelineSubmission submission(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private PipelineStatus submit(String json) {
        return pipelines.submit(submission(json)).join();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class);
        return future.handle((ok, e) -> e.getCause()).join();
    }

    @Test
    void anAcceptedPipelineIsPublishedWithItsCallerAndAnsweredAcceptedWithEveryStepWaiting() {
        PipelineStatus accepted = pipelines
                .submit(submission(PipelineRequestParserTest.REPORT.replace("\"wait\": \"30s\"", "\"wait\": 0"))
                        .withCaller(new Caller("alice", Set.of())))
                .join();

        assertThat(accepted.getState()).isEqualTo(CallState.ACCEPTED);
        assertThat(accepted.getSteps())
                .allSatisfy(step -> assertThat(step.getState()).isEqualTo(StepState.WAITING));
        assertThat(accepted.getDeadlineAt()).isEqualTo(clock.instant().plusMillis(600_000));
        assertThat(published).singleElement().satisfies(pipeline -> {
            assertThat(pipeline.getPipelineId()).isEqualTo(accepted.getPipelineId());
            assertThat(pipeline.getCaller()).isEqualTo("alice");
            assertThat(pipeline.getReplyTo()).isEqualTo("fabric.replies.gw");
            assertThat(pipeline.getPriority()).isEqualTo(Priority.LOW);
            assertThat(pipeline.getTables()).containsOnlyKeys("sales");
            assertThat(pipeline.getTables().get("sales").getData())
                    .isEqualTo(java.nio.ByteBuffer.wrap("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(waits.require(accepted.getPipelineId())).isEqualTo(accepted);
    }

    @Test
    void theSameIdempotencyKeyAgainAnswersThePipelineItNamedAndPublishesNothingMore() {
        String request = "{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}";
        Caller alice = new Caller("alice", Set.of());

        PipelineStatus first = pipelines
                .submit(submission(request).withCaller(alice).withIdempotencyKey("k-1"))
                .join();
        PipelineStatus again = pipelines
                .submit(submission(request).withCaller(alice).withIdempotencyKey("k-1"))
                .join();
        PipelineStatus bob = pipelines
                .submit(submission(request)
                        .withCaller(new Caller("bob", Set.of()))
                        .withIdempotencyKey("k-1"))
                .join();

        assertThat(first.getPipelineId()).isEqualTo(IdempotencyKeys.pipelineId("k-1", "alice"));
        assertThat(again.getPipelineId()).isEqualTo(first.getPipelineId());
        assertThat(bob.getPipelineId())
                .as("another caller's key names another pipeline")
                .isNotEqualTo(first.getPipelineId());
        assertThat(published)
                .extracting(Pipeline::getPipelineId)
                .containsExactly(first.getPipelineId(), bob.getPipelineId());
    }

    @Test
    void everyStepsCapabilityTopicExistsAtThePipelinesPriorityAndOneUp() {
        submit("{\"priority\": \"low\", \"steps\": [{\"name\": \"a\", \"function\": \"echo\"},"
                + " {\"name\": \"b\", \"function\": \"echo\", \"requirements\": [\"python\"], \"after\": [\"a\"]}]}");

        assertThat(topics)
                .containsExactlyInAnyOrder(
                        Topics.calls(Capset.of(), Priority.LOW),
                        Topics.calls(Capset.of(), Priority.NORMAL),
                        Topics.calls(Capset.of("python"), Priority.LOW),
                        Topics.calls(Capset.of("python"), Priority.NORMAL));
        assertThat(PipelineAdmission.oneUp(Priority.HIGH)).isEqualTo(Priority.HIGH);
    }

    @Test
    void aPipelineThatCannotRunIsRefusedWithEveryProblemAndNothingIsPublished() {
        Throwable refused = failure(pipelines.submit(submission("{\"steps\": ["
                + "{\"name\": \"a\", \"function\": \"echo\", \"args\": {\"x\": \"${b.output}\"}},"
                + "{\"name\": \"b\", \"function\": \"echo\", \"args\": {\"x\": \"${a.output}\"}},"
                + "{\"name\": \"c\", \"function\": \"echo\", \"tables\": {\"t\": \"${tables.missing}\"}}]}")));

        assertThat(refused).isInstanceOf(InvalidPipelineException.class);
        assertThat(((InvalidPipelineException) refused).problems())
                .singleElement()
                .asString()
                .contains("${tables.missing}");
        assertThat(failure(pipelines.submit(submission("{\"steps\": ["
                        + "{\"name\": \"a\", \"function\": \"echo\", \"args\": {\"x\": \"${b.output}\"}},"
                        + "{\"name\": \"b\", \"function\": \"echo\", \"args\": {\"x\": \"${a.output}\"}}]}"))))
                .hasMessageContaining("in a circle");
        assertThat(published).isEmpty();
        assertThat(topics).isEmpty();
    }

    @Test
    void aStepItsCallerMayNotCallIsForbiddenNamingTheStep() {
        CallGuard noPython = new CallGuard() {
            @Override
            public Pass admit(CallSubmission admitted) {
                return Pass.NONE;
            }

            @Override
            public void allow(
                    Caller caller, String function, Capset capset, Map<String, CallSubmission.TableInput> tables) {
                if (function.equals("python")) {
                    throw new CallForbiddenException("the policy grants " + caller.name() + " no call of 'python'");
                }
            }

            @Override
            public void ended(FuncResult result) {}
        };

        Throwable refused = failure(pipelines(noPython)
                .submit(submission("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"},"
                                + " {\"name\": \"run\", \"function\": \"python\"}]}")
                        .withCaller(new Caller("bob", Set.of()))));

        assertThat(refused)
                .isInstanceOf(CallForbiddenException.class)
                .hasMessage("step 'run': the policy grants bob no call of 'python'");
        assertThat(published).isEmpty();
    }

    /** A guard that records what a pipeline takes of its caller's quota, and refuses when told to. */
    private static final class QuotaRecorder implements CallGuard {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean exhausted;

        @Override
        public Pass admit(CallSubmission admitted) {
            return Pass.NONE;
        }

        @Override
        public Pass admitPipeline(Caller caller, int calls) {
            if (exhausted) {
                throw new QuotaExceededException(caller.name() + " may send 1 call per second", Duration.ofSeconds(1));
            }
            events.add("reserved " + calls + " for " + caller.name());
            return new Pass() {
                @Override
                public void accepted(String callId) {
                    events.add("accepted " + callId);
                }

                @Override
                public void abandoned() {
                    events.add("abandoned");
                }
            };
        }

        @Override
        public void ended(FuncResult result) {
            events.add("ended " + result.getCallId());
        }
    }

    private FuncResult ended(String id) {
        return FuncResult.newBuilder()
                .setCallId(id)
                .setFunction("pipeline")
                .setState(CallState.FINISHED)
                .setOutput("{}")
                .setFinishedAt(clock.instant())
                .build();
    }

    @Test
    void aPipelineTakesItsCallersQuotaForEveryCallItRunsAndGivesItsPlaceBackWhenItsResultArrives() {
        QuotaRecorder quota = new QuotaRecorder();
        FabricPipelines limited = pipelines(quota);

        PipelineStatus accepted = limited.submit(
                        submission(PipelineRequestParserTest.REPORT.replace("\"wait\": \"30s\"", "\"wait\": 0"))
                                .withCaller(new Caller("alice", Set.of())))
                .join();
        String id = accepted.getPipelineId();
        boolean aCallsResult = limited.onReply(ended("some-call"));
        boolean itsResult = limited.onReply(ended(id));

        // load, describe, 8 chunks of parts, total; the onFailure step runs only instead of others.
        assertThat(quota.events).containsExactly("reserved 11 for alice", "accepted " + id, "ended " + id);
        assertThat(aCallsResult)
                .as("a result of no pipeline known here is a call's")
                .isFalse();
        assertThat(itsResult).isTrue();
    }

    @Test
    void aPipelinePastItsCallersQuotaIsRefusedAndLeavesNoTrace() {
        QuotaRecorder quota = new QuotaRecorder();
        quota.exhausted = true;

        Throwable refused = failure(pipelines(quota)
                .submit(submission("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}")
                        .withCaller(new Caller("bob", Set.of()))));

        assertThat(refused).isInstanceOf(QuotaExceededException.class).hasMessageContaining("bob may send");
        assertThat(published).isEmpty();
        assertThat(recent.newest(10, status -> true)).isEmpty();
    }

    @Test
    void theRoutersStatusReplacesTheAcceptedViewAndItsEndCompletesAWait() {
        PipelineStatus accepted = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}");
        String id = accepted.getPipelineId();
        CompletableFuture<PipelineStatus> waiting = waits.find(id, Optional.of(Duration.ofSeconds(30)));

        waits.onStatus(id, status(accepted, CallState.RUNNING, StepState.RUNNING));
        assertThat(waits.require(id).getState()).isEqualTo(CallState.RUNNING);
        assertThat(waiting).isNotDone();

        waits.onStatus(id, status(accepted, CallState.FINISHED, StepState.FINISHED));
        assertThat(waiting.join().getState()).isEqualTo(CallState.FINISHED);
        assertThat(waiting.join().getSteps().get(0).getOutput()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aReplyBeforeTheFinalStatusAnswersTheWaitWithEveryFinishedStepsOutputAndTables() {
        PipelineStatus accepted = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"},"
                + " {\"name\": \"b\", \"function\": \"echo\", \"args\": {\"x\": \"${a.output}\"}}]}");
        String id = accepted.getPipelineId();
        CompletableFuture<PipelineStatus> waiting = waits.find(id, Optional.of(Duration.ofSeconds(30)));
        waits.onStatus(id, status(accepted, CallState.RUNNING, StepState.RUNNING));
        Table data =
                new Table(TableFormat.CSV, java.nio.ByteBuffer.wrap("a\n1\n".getBytes(StandardCharsets.UTF_8)), null);

        waits.onReply(FuncResult.newBuilder()
                .setCallId(id)
                .setFunction("pipeline")
                .setState(CallState.FINISHED)
                .setOutput("{\"a\": {\"n\": 1}, \"b\": {\"x\": {\"n\": 1}}}")
                .setTables(Map.of("a.data", data))
                .setFinishedAt(clock.instant())
                .build());

        PipelineStatus ended = waiting.join();
        assertThat(ended.getState()).isEqualTo(CallState.FINISHED);
        assertThat(ended.getSteps()).extracting(StepStatus::getState).containsOnly(StepState.FINISHED);
        assertThat(ended.getSteps().get(1).getOutput()).isEqualTo("{\"x\":{\"n\":1}}");
        assertThat(ended.getSteps().get(0).getTables()).containsExactly(Map.entry("data", data));
    }

    @Test
    void aWaitThatRunsOutAnswersThePipelineAsItThenIs() {
        PipelineStatus accepted = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}");
        CompletableFuture<PipelineStatus> waiting =
                waits.find(accepted.getPipelineId(), Optional.of(Duration.ofSeconds(5)));

        clock.advance(Duration.ofSeconds(6));
        pending.expireDue();

        assertThat(waiting.join().getState()).isEqualTo(CallState.ACCEPTED);
    }

    @Test
    void theReplyOfAPipelineEndsItsWaitEvenBeforeItsStatusArrivesAndAnOlderStatusDoesNotUndoIt() {
        PipelineStatus accepted = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}");
        String id = accepted.getPipelineId();
        CompletableFuture<PipelineStatus> waiting = waits.find(id, Optional.of(Duration.ofSeconds(30)));
        FuncResult reply = FuncResult.newBuilder()
                .setCallId(id)
                .setFunction("pipeline")
                .setState(CallState.FAILED)
                .setFinishedAt(clock.instant())
                .build();

        assertThat(waits.onReply(reply)).isTrue();
        waits.onStatus(id, status(accepted, CallState.RUNNING, StepState.RUNNING));

        assertThat(waiting.join().getState()).isEqualTo(CallState.FAILED);
        assertThat(waits.require(id).getState()).isEqualTo(CallState.FAILED);
        assertThat(waits.require(id).getSteps().get(0).getState())
                .as("the completion names no finished step")
                .isEqualTo(StepState.WAITING);
        assertThat(waits.onReply(
                        FuncResult.newBuilder(reply).setCallId("a-call").build()))
                .isFalse();
    }

    @Test
    void aCancelIsPublishedForAPipelineThatRunsAndRefusedForOneThatEnded() {
        PipelineStatus accepted = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}");
        String id = accepted.getPipelineId();

        PipelineStatus answered = cancellations
                .cancel(id, new Caller("alice", Set.of()), Optional.empty())
                .join();

        assertThat(answered.getState()).isEqualTo(CallState.ACCEPTED);
        assertThat(cancels).singleElement().satisfies(command -> {
            assertThat(command.getCallId()).isEqualTo(id);
            assertThat(command.getType()).isEqualTo(ControlType.CANCEL);
            assertThat(command.getRequestedBy()).isEqualTo("alice");
        });
        waits.onStatus(id, status(accepted, CallState.CANCELLED, StepState.CANCELLED));
        assertThatThrownBy(() -> cancellations.cancel(id, null, Optional.empty()))
                .isInstanceOf(PipelineAlreadyEndedException.class)
                .hasMessageContaining("CANCELLED");
        assertThatThrownBy(() -> cancellations.cancel("nope", null, Optional.empty()))
                .isInstanceOf(PipelineNotFoundException.class);
    }

    @Test
    void aTombstoneForgetsThePipelineAndTheListIsNewestFirst() {
        String first = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}")
                .getPipelineId();
        clock.advance(Duration.ofSeconds(1));
        String second = submit("{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]}")
                .getPipelineId();

        assertThat(recent.newest(10, status -> true))
                .extracting(PipelineStatus::getPipelineId)
                .containsExactly(second, first);
        waits.onStatus(first, null);
        assertThatThrownBy(() -> waits.require(first)).isInstanceOf(PipelineNotFoundException.class);
    }

    static PipelineStatus status(PipelineStatus accepted, CallState state, StepState stepState) {
        List<dev.computefabric.avro.StepStatus> steps = new ArrayList<>();
        accepted.getSteps()
                .forEach(step -> steps.add(dev.computefabric.avro.StepStatus.newBuilder(step)
                        .setState(stepState)
                        .setCallIds(List.of(accepted.getPipelineId() + "." + step.getName()))
                        .setOutput(stepState == StepState.FINISHED ? "{\"ok\":true}" : null)
                        .build()));
        return PipelineStatus.newBuilder(accepted)
                .setState(state)
                .setUpdatedAt(accepted.getSubmittedAt().plusSeconds(1))
                .setSteps(steps)
                .build();
    }
}
