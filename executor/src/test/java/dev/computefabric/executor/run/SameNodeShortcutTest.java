package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.NextStep;
import dev.computefabric.executor.control.CancelRegistry;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.builtin.Fail;
import dev.computefabric.executor.function.builtin.TableDescribe;
import dev.computefabric.executor.function.builtin.TableGenerate;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same-node shortcut through the worker pool: what runs, what is published, how the record settles. */
class SameNodeShortcutTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Small, so that table.generate's 1000 rows go to a spool file. */
    static final int INLINE_LIMIT = 1024;

    private final Slots slots = new Slots(1);
    private final FabricTables tables = FabricTables.inlineOnly(INLINE_LIMIT);
    private final List<FuncResult> published = new CopyOnWriteArrayList<>();
    private final CountDownLatch nextStarted = new CountDownLatch(1);
    private WorkerPool pool;

    @AfterEach
    void close() {
        pool.close();
        tables.close();
    }

    @Test
    void aFinishedCallIsFollowedByItsNextStepWhichReadsTheKeptTableAndTheRecordSettlesWithTheStep() throws Exception {
        pool = pool(this::record);

        Settlement settlement = start(generateThen("table.describe", Map.of("data", "data")));

        assertThat(published).extracting(FuncResult::getCallId).containsExactly("p1.gen", "p1.describe");
        FuncResult generated = published.get(0);
        assertThat(generated.getState()).isEqualTo(CallState.FINISHED);
        assertThat(generated.getTables()).doesNotContainKey("data");
        FuncResult described = published.get(1);
        assertThat(described.getState()).as("%s", described.getError()).isEqualTo(CallState.FINISHED);
        assertThat(JSON.readTree(described.getOutput()).path("rows").asLong()).isEqualTo(1000);
        assertThat(settlement).isInstanceOfSatisfying(Settlement.Published.class, p -> {
            assertThat(p.call().getCallId()).isEqualTo("p1.describe");
            assertThat(p.result()).isEqualTo(described);
        });
        assertThat(tables.keptOnDisk()).isZero();
        assertThat(slots.free()).isEqualTo(1);
    }

    @Test
    void theNextStepsArgsAreFilledInFromTheCallsOutput() throws Exception {
        pool = pool(this::record);
        FuncCall call = generateThen("echo", Map.of("data", "data"));
        call.getNext().setArgs("{\"rows\": \"${gen.output.rows}\"}");

        start(call);

        assertThat(published.get(1).getOutput()).isEqualTo("{\"rows\":1000}");
    }

    @Test
    void aCallThatDoesNotFinishRunsNothingMore() throws Exception {
        pool = pool(this::record);
        FuncCall call = generateThen("echo", Map.of());
        call.setFunction(Fail.NAME);
        call.setArgs("{\"retryable\": false}");

        Settlement settlement = start(call);

        assertThat(published).extracting(FuncResult::getCallId).containsExactly("p1.gen");
        assertThat(published.get(0).getState()).isEqualTo(CallState.FAILED);
        assertThat(settlement.call().getCallId()).isEqualTo("p1.gen");
    }

    @Test
    void aCallWhoseResultCannotBeWrittenRunsNothingMoreAndItsRecordRunsAgainElsewhere() throws Exception {
        pool = pool(result -> {
            record(result);
            return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        });

        Settlement settlement = start(generateThen("table.describe", Map.of("data", "data")));

        assertThat(settlement).isInstanceOf(Settlement.Unpublished.class);
        assertThat(published).extracting(FuncResult::getCallId).containsExactly("p1.gen");
        assertThat(tables.keptOnDisk()).isZero();
    }

    @Test
    void aNextStepAbandonedByAShutdownAbandonsTheRecordAndDeletesTheKeptTables() throws Exception {
        pool = pool(this::record);
        CompletableFuture<Settlement> settled = new CompletableFuture<>();
        slots.tryAcquire(1);
        pool.start(generateThen("block", Map.of("data", "data")), settled::complete);
        assertThat(nextStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tables.keptOnDisk()).isOne();

        pool.abandonRunning();

        assertThat(settled.get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        Settlement.Abandoned.class,
                        a -> assertThat(a.call().getCallId()).isEqualTo("p1.describe"));
        assertThat(tables.keptOnDisk()).isZero();
    }

    private CompletableFuture<Void> record(FuncResult result) {
        published.add(result);
        return CompletableFuture.completedFuture(null);
    }

    private Settlement start(FuncCall call) throws Exception {
        CompletableFuture<Settlement> settled = new CompletableFuture<>();
        slots.tryAcquire(call.getSlots());
        pool.start(call, settled::complete);
        return settled.get(10, TimeUnit.SECONDS);
    }

    /** {@code table.generate} of 1000 rows (17 KB), followed on the node by {@code function}. */
    private static FuncCall generateThen(String function, Map<String, String> previousTables) {
        FuncCall call = TestCalls.call(TableGenerate.NAME)
                .id("p1.gen")
                .args("{\"rows\": 1000}")
                .build();
        call.setNext(NextStep.newBuilder()
                .setCallId("p1.describe")
                .setStep("describe")
                .setPrevious("gen")
                .setFunction(function)
                .setPreviousTables(previousTables)
                .build());
        return call;
    }

    private WorkerPool pool(ResultSink sink) {
        FabricFunction blocker = new FabricFunction() {
            public String name() {
                return "block";
            }

            public Object run(CallContext context) throws Exception {
                try (InputStream in = context.open("data")) {
                    in.readAllBytes();
                }
                nextStarted.countDown();
                new CountDownLatch(1).await();
                return null;
            }
        };
        FunctionRegistry functions = new FunctionRegistry(List.of(
                new TableGenerate(),
                new TableDescribe(),
                new Fail(),
                new dev.computefabric.executor.function.builtin.Echo(),
                blocker));
        SettableClock clock = new SettableClock(TestCalls.SUBMITTED);
        CallRunner runner = new CallRunner("node-1", functions, tables, (call, at) -> {}, clock);
        return new WorkerPool(
                slots,
                new CallSupervisor(
                        new RetryingRunner(runner, RetryPolicy.defaults().withMaxRetries(0)),
                        CancelRegistry.defaults(clock),
                        clock),
                sink);
    }
}
