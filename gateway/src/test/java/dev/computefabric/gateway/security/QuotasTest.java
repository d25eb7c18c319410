package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.QuotaExceededException;
import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotasTest {

    final SettableClock clock = SettableClock.at("2026-12-03T07:00:00Z");
    final Quotas quotas = new Quotas(clock);

    @Test
    void pastItsCallsInFlightACallIsRefusedUntilOneEnds() {
        Policy.Limits two = new Policy.Limits(2, null);
        quotas.reserve("bob", two).accepted("c1");
        quotas.reserve("bob", two).accepted("c2");

        assertThatThrownBy(() -> quotas.reserve("bob", two)).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Quotas.IN_FLIGHT_RETRY);
            assertThat(e.getMessage()).contains("bob has 2 calls in flight");
        });

        quotas.ended("c1");
        quotas.reserve("bob", two).accepted("c3");
        assertThat(quotas.inFlight("bob")).isEqualTo(2);
    }

    @Test
    void aReservedCallCountsInFlightUntilAbandoned() {
        Policy.Limits one = new Policy.Limits(1, null);
        CallGuard.Pass pass = quotas.reserve("bob", one);
        assertThatThrownBy(() -> quotas.reserve("bob", one)).isInstanceOf(QuotaExceededException.class);

        pass.abandoned();

        assertThat(quotas.inFlight("bob")).isZero();
        quotas.reserve("bob", one);
    }

    @Test
    void aResultFasterThanItsAcknowledgementLeavesNothingInFlight() {
        CallGuard.Pass pass = quotas.reserve("bob", new Policy.Limits(1, null));
        quotas.ended("c1");
        pass.accepted("c1");

        assertThat(quotas.inFlight("bob")).isZero();
    }

    @Test
    void theRateAllowsABurstOfOneSecondsWorthThenOneCallPerInterval() {
        Policy.Limits twoPerSecond = new Policy.Limits(null, 2.0);
        quotas.reserve("bob", twoPerSecond);
        quotas.reserve("bob", twoPerSecond);

        assertThatThrownBy(() -> quotas.reserve("bob", twoPerSecond))
                .isInstanceOfSatisfying(
                        QuotaExceededException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(500)));

        clock.advance(Duration.ofMillis(500));
        quotas.reserve("bob", twoPerSecond);
        assertThatThrownBy(() -> quotas.reserve("bob", twoPerSecond)).isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void aRateBelowOnePerSecondStillAllowsOneCallAndThenWaitsItsInterval() {
        Policy.Limits halfPerSecond = new Policy.Limits(null, 0.5);
        quotas.reserve("bob", halfPerSecond);

        assertThatThrownBy(() -> quotas.reserve("bob", halfPerSecond))
                .isInstanceOfSatisfying(
                        QuotaExceededException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        clock.advance(Duration.ofSeconds(2));
        quotas.reserve("bob", halfPerSecond);
    }

    @Test
    void principalsHaveQuotasOfTheirOwn() {
        Policy.Limits one = new Policy.Limits(1, 1.0);
        quotas.reserve("bob", one);

        quotas.reserve("alice", one);
        assertThatThrownBy(() -> quotas.reserve("bob", one)).isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void aPipelineHoldsOnePlaceInFlightUntilItEnds() {
        Policy.Limits two = new Policy.Limits(2, null);
        quotas.reserve("bob", two, 50).accepted("pipeline-1");
        quotas.reserve("bob", two).accepted("c1");

        assertThat(quotas.inFlight("bob")).isEqualTo(2);
        assertThatThrownBy(() -> quotas.reserve("bob", two))
                .hasMessageContaining("bob has 2 calls in flight (a pipeline counts as one)");
        quotas.ended("pipeline-1");
        quotas.reserve("bob", two);
    }

    @Test
    void aPipelinePaysTheRateForEveryCallAtOnceAndTheNextCallWaitsUntilItIsPaidBack() {
        Policy.Limits twoPerSecond = new Policy.Limits(null, 2.0);
        quotas.reserve("bob", twoPerSecond, 7);

        // The full bucket (2) paid 2 of the 7 calls; 5 are owed, and the next call needs 1 more: 6 at 2 per second.
        assertThatThrownBy(() -> quotas.reserve("bob", twoPerSecond))
                .isInstanceOfSatisfying(
                        QuotaExceededException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        clock.advance(Duration.ofMillis(2_999));
        assertThatThrownBy(() -> quotas.reserve("bob", twoPerSecond)).isInstanceOf(QuotaExceededException.class);
        clock.advance(Duration.ofMillis(1));
        quotas.reserve("bob", twoPerSecond);
    }

    @Test
    void aPipelineOfNoCallsIsAMistakeOfItsCaller() {
        assertThatThrownBy(() -> quotas.reserve("bob", new Policy.Limits(null, 1.0), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
