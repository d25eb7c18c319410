package dev.computefabric.gateway.calls;

import static dev.computefabric.gateway.calls.CallTestData.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A call this gateway's status view has not read yet, though the router wrote its status before the question, is
 * found once the view caught up with the topic; a call that really is unknown is still 404, and a view that cannot
 * catch up holds the question no longer than the bound.
 */
class SecondLookTest {

    private final RecentCalls view = new RecentCalls(100, 1 << 20);
    private final PendingReplies pending = new PendingReplies(Clock.systemUTC());
    private final AtomicInteger catchUps = new AtomicInteger();

    /** Catching up reads the status another gateway's call already has on the topic. */
    private final ViewSync readsTheOtherGatewaysCall = () -> {
        catchUps.incrementAndGet();
        view.remember(accepted("elsewhere"));
        return CompletableFuture.completedFuture(null);
    };

    @Test
    void aCallWhoseStatusTheViewHadNotReadIsFoundAfterCatchingUp() {
        ResultWaits waits = waits(readsTheOtherGatewaysCall, Duration.ofSeconds(5));

        CallSnapshot found = waits.find("elsewhere", Optional.empty()).join();

        assertThat(found.callId()).isEqualTo("elsewhere");
        assertThat(catchUps).hasValue(1);
    }

    @Test
    void aCallTheViewKnowsCostsNoCatchingUp() {
        view.remember(accepted("here"));
        ResultWaits waits = waits(readsTheOtherGatewaysCall, Duration.ofSeconds(5));

        assertThat(waits.find("here", Optional.empty()).join().callId()).isEqualTo("here");
        assertThat(catchUps).hasValue(0);
    }

    @Test
    void aCallUnknownAfterCatchingUpIsNotFound() {
        ResultWaits waits = waits(readsTheOtherGatewaysCall, Duration.ofSeconds(5));

        assertThatThrownBy(() -> waits.find("nowhere", Optional.empty()).join())
                .hasCauseInstanceOf(CallNotFoundException.class);
        assertThat(catchUps).hasValue(1);
    }

    @Test
    void aViewThatCannotCatchUpIsAnsweredFromAfterTheBound() {
        ResultWaits waits = waits(CompletableFuture::new, Duration.ofMillis(50));

        assertThat(waits.find("nowhere", Optional.empty()))
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableThat()
                .withCauseInstanceOf(CallNotFoundException.class);
    }

    @Test
    void theBlockingLookFindsWhatCatchingUpRead() {
        SecondLook look = new SecondLook(readsTheOtherGatewaysCall, Duration.ofSeconds(5), Runnable::run);

        assertThat(look.requireNow("elsewhere", view::find).callId()).isEqualTo("elsewhere");
        assertThat(look.findNow("nowhere", view::find)).isEmpty();
        assertThatThrownBy(() -> look.requireNow("nowhere", view::find)).isInstanceOf(CallNotFoundException.class);
        assertThat(catchUps).hasValue(3);
    }

    private ResultWaits waits(ViewSync sync, Duration bound) {
        return new ResultWaits(view, new SecondLook(sync, bound, Runnable::run), pending);
    }
}
