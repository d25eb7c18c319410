package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

    private final SettableClock clock = new SettableClock(Instant.ofEpochSecond(1_000));
    private final PendingReplies pending = new PendingReplies(clock);

    @Test
    void aResultCompletesTheWaitForItsCall() {
        CompletableFuture<Optional<FuncResult>> reply = pending.await("c1", Duration.ofSeconds(5));
        FuncResult result = finished("c1", "{}");

        assertThat(pending.complete(result)).isTrue();

        assertThat(reply).isCompletedWithValue(Optional.of(result));
        assertThat(pending.size()).isZero();
        assertThat(pending.isAwaited("c1")).isFalse();
    }

    @Test
    void everyRequestWaitingForTheSameCallGetsTheResult() {
        CompletableFuture<Optional<FuncResult>> post = pending.await("c1", Duration.ofSeconds(5));
        CompletableFuture<Optional<FuncResult>> get = pending.await("c1", Duration.ofSeconds(1));
        CompletableFuture<Optional<FuncResult>> other = pending.await("c2", Duration.ofSeconds(5));

        pending.complete(finished("c1", "{}"));

        assertThat(post).isCompleted();
        assertThat(get).isCompleted();
        assertThat(other).isNotDone();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void aWaitEndsEmptyAtItsDeadlineAndIsRemoved() {
        CompletableFuture<Optional<FuncResult>> reply = pending.await("c1", Duration.ofSeconds(5));

        clock.advance(Duration.ofMillis(4_999));
        assertThat(pending.expireDue()).isZero();
        assertThat(reply).isNotDone();

        clock.advance(Duration.ofMillis(1));
        assertThat(pending.expireDue()).isEqualTo(1);
        assertThat(reply).isCompletedWithValue(Optional.empty());
        assertThat(pending.size()).isZero();
        assertThat(pending.isAwaited("c1")).isFalse();
    }

    @Test
    void closingEndsEveryWaitAtOnceAndEveryLaterOne() {
        CompletableFuture<Optional<FuncResult>> post = pending.await("c1", Duration.ofSeconds(60));
        CompletableFuture<Optional<FuncResult>> get = pending.await("c2", Duration.ofSeconds(5));

        pending.close();

        assertThat(post).isCompletedWithValue(Optional.empty());
        assertThat(get).isCompletedWithValue(Optional.empty());
        assertThat(pending.size()).isZero();
        assertThat(pending.await("c3", Duration.ofSeconds(60))).isCompletedWithValue(Optional.empty());
        assertThat(pending.isAwaited("c3")).isFalse();
    }

    @Test
    void onlyTheWaitsThatAreDueExpire() {
        CompletableFuture<Optional<FuncResult>> shortWait = pending.await("c1", Duration.ofSeconds(1));
        CompletableFuture<Optional<FuncResult>> longWait = pending.await("c1", Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(2));
        pending.expireDue();

        assertThat(shortWait).isCompletedWithValue(Optional.empty());
        assertThat(longWait).isNotDone();
        assertThat(pending.isAwaited("c1")).isTrue();

        pending.complete(finished("c1", "{}"));
        assertThat(longWait.join()).isPresent();
    }

    @Test
    void aResultAfterTheWaitEndedFindsNobody() {
        CompletableFuture<Optional<FuncResult>> reply = pending.await("c1", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        pending.expireDue();

        assertThat(pending.complete(finished("c1", "{}"))).isFalse();
        assertThat(reply).isCompletedWithValue(Optional.empty());
    }

    @Test
    void theExpiryTimerEndsWaitsWithoutBeingCalled() {
        PendingReplies realTime = new PendingReplies(java.time.Clock.systemUTC());
        try (WaitExpiry ignored = new WaitExpiry(realTime, java.time.Clock.systemUTC())) {
            CompletableFuture<Optional<FuncResult>> reply = realTime.await("c1", Duration.ofMillis(50));

            await().atMost(Duration.ofSeconds(5)).until(reply::isDone);

            assertThat(reply.join()).isEmpty();
            assertThat(realTime.size()).isZero();
        }
    }

    /** The timer sleeps until the earliest deadline: a shorter wait that starts later must wake it sooner. */
    @Test
    void aShortWaitAfterALongOneEndsOnTimeAndTheLongOneWaitsOn() {
        PendingReplies realTime = new PendingReplies(java.time.Clock.systemUTC());
        try (WaitExpiry ignored = new WaitExpiry(realTime, java.time.Clock.systemUTC())) {
            CompletableFuture<Optional<FuncResult>> longWait = realTime.await("long", Duration.ofMinutes(10));
            CompletableFuture<Optional<FuncResult>> shortWait = realTime.await("short", Duration.ofMillis(50));

            await().atMost(Duration.ofSeconds(30)).until(shortWait::isDone);

            assertThat(shortWait.join()).isEmpty();
            assertThat(longWait).isNotDone();
            assertThat(realTime.nextDeadline()).isPresent();
            CompletableFuture<Optional<FuncResult>> later = realTime.await("later", Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(30)).until(later::isDone);
            assertThat(longWait).isNotDone();
        }
    }

    @Test
    void aTimerStartedWhileWaitsArePendingEndsThem() {
        PendingReplies realTime = new PendingReplies(java.time.Clock.systemUTC());
        CompletableFuture<Optional<FuncResult>> reply = realTime.await("before", Duration.ofMillis(20));
        try (WaitExpiry ignored = new WaitExpiry(realTime, java.time.Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).until(reply::isDone);
            assertThat(realTime.nextDeadline()).isEmpty();
        }
    }
}
