package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.control.CancelRegistry;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.testing.Gate;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancels and deadlines: the node's own reasons to stop a call, and how the call is answered then. */
class CallSupervisorTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock(TestCalls.SUBMITTED);
    private final Gate gate = new Gate();
    private final CancelRegistry cancels = CancelRegistry.defaults(clock);
    private final CallSupervisor supervisor = new CallSupervisor(
            new RetryingRunner(
                    new CallRunner(
                            "node-1",
                            new FunctionRegistry(List.of(new Echo(), gate)),
                            FabricTables.inlineOnly(1024),
                            (call, at) -> {},
                            clock),
                    RetryPolicy.defaults().withMaxRetries(0)),
            cancels,
            clock);
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        gate.open();
        worker.shutdownNow();
        supervisor.close();
    }

    @Test
    void aCallCancelledBeforeItStartsIsAnsweredCancelledWithoutRunning() {
        cancels.cancel("early", "not needed");

        FuncResult result =
                completed(supervisor.run(TestCalls.call(Gate.NAME).id("early").build()));

        assertThat(result.getState()).isEqualTo(CallState.CANCELLED);
        assertThat(result.getError().getType()).isEqualTo("Cancelled");
        assertThat(result.getError().getMessage()).isEqualTo("not needed");
        assertThat(result.getStartedAt()).isNull();
        assertThat(gate.entered()).isEmpty();
    }

    @Test
    void aCancelInterruptsTheRunningCallWhichIsAnsweredCancelledAndTheWorkerIsNotLeftInterrupted() throws Exception {
        CompletableFuture<Run> run =
                runOnWorker(TestCalls.call(Gate.NAME).id("running").build());
        await().atMost(BOUND).until(() -> gate.entered().contains("running"));

        cancels.cancel("running", "changed my mind");

        Run ended = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        FuncResult result = completed(ended.outcome());
        assertThat(result.getState()).isEqualTo(CallState.CANCELLED);
        assertThat(result.getError().getMessage()).isEqualTo("changed my mind");
        assertThat(result.getStartedAt()).isEqualTo(TestCalls.SUBMITTED);
        assertThat(ended.workerInterrupted()).isFalse();
    }

    @Test
    void aCallWhoseDeadlinePassesWhileItRunsIsAnsweredTimedOut() throws Exception {
        CompletableFuture<Run> run =
                runOnWorker(TestCalls.call(Gate.NAME).id("slow").timeoutMs(100).build());

        FuncResult result =
                completed(run.get(BOUND.toSeconds(), TimeUnit.SECONDS).outcome());

        assertThat(gate.entered()).containsExactly("slow");
        assertThat(result.getState()).isEqualTo(CallState.TIMED_OUT);
        assertThat(result.getError().getType()).isEqualTo("Timeout");
        assertThat(result.getError().getMessage()).isEqualTo("the call's deadline passed while it ran");
    }

    @Test
    void anInterruptThatIsNotTheNodesOwnAbandonsTheCall() throws Exception {
        CompletableFuture<Run> run =
                runOnWorker(TestCalls.call(Gate.NAME).id("stopping").build());
        await().atMost(BOUND).until(() -> gate.entered().contains("stopping"));

        worker.shutdownNow();

        assertThat(run.get(BOUND.toSeconds(), TimeUnit.SECONDS).outcome()).isInstanceOf(CallOutcome.Abandoned.class);
    }

    @Test
    void aCallThatEndedIsNoLongerInterruptedByItsCancel() {
        FuncResult result =
                completed(supervisor.run(TestCalls.call(Echo.NAME).id("done").build()));
        cancels.cancel("done", "too late");

        assertThat(result.getState()).isEqualTo(CallState.FINISHED);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /** How a run on the worker thread ended, and whether it left the worker's interrupt flag set. */
    private record Run(CallOutcome outcome, boolean workerInterrupted) {}

    private CompletableFuture<Run> runOnWorker(FuncCall call) {
        return CompletableFuture.supplyAsync(
                () -> new Run(supervisor.run(call), Thread.currentThread().isInterrupted()), worker);
    }

    private static FuncResult completed(CallOutcome outcome) {
        assertThat(outcome).isInstanceOf(CallOutcome.Completed.class);
        return ((CallOutcome.Completed) outcome).result();
    }
}
