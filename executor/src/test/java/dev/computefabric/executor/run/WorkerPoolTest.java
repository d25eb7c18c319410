package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.control.CancelRegistry;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.function.builtin.Fail;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    /** A broker that takes every result. */
    private static final ResultSink PUBLISHED = result -> CompletableFuture.completedFuture(null);

    private final Slots slots = new Slots(2);
    private final CountDownLatch blockerStarted = new CountDownLatch(1);
    private WorkerPool pool;

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aCallIsSettledAsPublishedOnceTheBrokerHasItsResultAndItsSlotsAreFree() throws Exception {
        pool = pool(PUBLISHED);
        FuncCall call = TestCalls.call(Echo.NAME).slots(2).build();
        slots.tryAcquire(2);

        Settlement settlement = start(call).get(5, TimeUnit.SECONDS);

        assertThat(settlement)
                .isInstanceOfSatisfying(
                        Settlement.Published.class,
                        published -> assertThat(published.result().getState()).isEqualTo(CallState.FINISHED));
        assertThat(slots.free()).isEqualTo(2);
        // A call leaves the in-flight count after its settlement ran, so a drain never misses a completion.
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.inFlight() == 0);
    }

    @Test
    void aResultTheBrokerRefusedSettlesAsUnpublished() throws Exception {
        pool = pool(result -> CompletableFuture.failedFuture(new IOException("broker gone")));
        slots.tryAcquire(1);

        Settlement settlement = start(TestCalls.call(Echo.NAME).build()).get(5, TimeUnit.SECONDS);

        assertThat(settlement).isInstanceOf(Settlement.Unpublished.class);
        assertThat(slots.free()).isEqualTo(2);
    }

    @Test
    void abandoningInterruptsRunningCallsWhichSettleAsAbandoned() throws Exception {
        pool = pool(PUBLISHED);
        slots.tryAcquire(1);
        CompletableFuture<Settlement> settled = start(TestCalls.call("block").build());
        assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();

        pool.abandonRunning();

        assertThat(settled.get(5, TimeUnit.SECONDS)).isInstanceOf(Settlement.Abandoned.class);
        assertThat(slots.free()).isEqualTo(2);
        // A call leaves the in-flight count after its settlement ran, so a drain never misses a completion.
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.inFlight() == 0);
    }

    @Test
    void aCallStartedAfterShutdownIsAbandonedAtOnce() throws Exception {
        pool = pool(PUBLISHED);
        pool.abandonRunning();
        slots.tryAcquire(1);

        assertThat(start(TestCalls.call(Echo.NAME).build()).get(5, TimeUnit.SECONDS))
                .isInstanceOf(Settlement.Abandoned.class);
        assertThat(slots.free()).isEqualTo(2);
    }

    private CompletableFuture<Settlement> start(FuncCall call) {
        CompletableFuture<Settlement> settled = new CompletableFuture<>();
        pool.start(call, settled::complete);
        return settled;
    }

    @Test
    void aRetryableFailureIsRetriedUntilItSucceedsAndTheResultCarriesTheAttempt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        FabricFunction flaky = new FabricFunction() {
            public String name() {
                return "flaky";
            }

            public Object run(CallContext context) {
                if (runs.incrementAndGet() < 3) {
                    throw new FunctionFailedException("not yet", true);
                }
                return "ok";
            }
        };
        pool = pool(
                new FunctionRegistry(List.of(flaky, new Fail())),
                new RetryPolicy(3, Duration.ZERO, Duration.ZERO),
                PUBLISHED);
        slots.tryAcquire(1);

        Settlement settlement = start(TestCalls.call("flaky").build()).get(5, TimeUnit.SECONDS);

        assertThat(settlement).isInstanceOfSatisfying(Settlement.Published.class, published -> {
            assertThat(published.result().getState()).isEqualTo(CallState.FINISHED);
            assertThat(published.result().getAttempt()).isEqualTo(2);
        });
    }

    @Test
    void aFailureThatOutlivesItsRetriesEndsFailedAndANonRetryableOneIsNotRetried() throws Exception {
        pool = pool(
                new FunctionRegistry(List.of(new Fail())), new RetryPolicy(3, Duration.ZERO, Duration.ZERO), PUBLISHED);

        slots.tryAcquire(1);
        Settlement exhausted = start(TestCalls.call("fail")
                        .args("{\"retryable\": true, \"retry\": {\"max\": 1}}")
                        .build())
                .get(5, TimeUnit.SECONDS);
        slots.tryAcquire(1);
        Settlement permanent = start(
                        TestCalls.call("fail").args("{\"retryable\": false}").build())
                .get(5, TimeUnit.SECONDS);

        assertThat(((Settlement.Published) exhausted).result().getAttempt()).isEqualTo(1);
        assertThat(((Settlement.Published) exhausted).result().getState()).isEqualTo(CallState.FAILED);
        assertThat(((Settlement.Published) permanent).result().getAttempt()).isZero();
    }

    /** A pool that runs echo and a function that blocks until interrupted, each call once. */
    private WorkerPool pool(ResultSink sink) {
        FabricFunction blocker = new FabricFunction() {
            public String name() {
                return "block";
            }

            public Object run(CallContext context) throws InterruptedException {
                blockerStarted.countDown();
                new CountDownLatch(1).await();
                return null;
            }
        };
        return pool(
                new FunctionRegistry(List.of(new Echo(), blocker)),
                RetryPolicy.defaults().withMaxRetries(0),
                sink);
    }

    private WorkerPool pool(FunctionRegistry functions, RetryPolicy retry, ResultSink sink) {
        SettableClock clock = new SettableClock(TestCalls.SUBMITTED);
        CallRunner runner = new CallRunner("node-1", functions, FabricTables.inlineOnly(1024), (call, at) -> {}, clock);
        return new WorkerPool(
                slots,
                new CallSupervisor(new RetryingRunner(runner, retry), CancelRegistry.defaults(clock), clock),
                sink);
    }
}
