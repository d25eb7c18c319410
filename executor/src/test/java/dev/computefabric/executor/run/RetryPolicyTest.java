package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void theBackoffDoublesPerRetryUpToTheMaximum() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aCallMaySetItsOwnLimitInItsArgs() {
        assertThat(ownLimit("{\"retry\": {\"max\": 0}}")).isZero();
        assertThat(ownLimit("{\"retry\": {\"max\": 7}}")).isEqualTo(7);
        assertThat(ownLimit("{\"retry\": {\"max\": 999}}")).isEqualTo(RetryPolicy.MAX_RETRIES_PER_CALL);
    }

    @Test
    void withoutAValidLimitInItsArgsTheCallGetsThePolicyDefault() {
        assertThat(policy.maxRetriesFor(TestCalls.call("fail").build(), OptionalInt.empty()))
                .isEqualTo(3);
        assertThat(ownLimit("{\"retry\": {\"max\": \"lots\"}}")).isEqualTo(3);
        assertThat(ownLimit("not json")).isEqualTo(3);
    }

    @Test
    void nonsensicalPoliciesAreRefusedByName() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("initialBackoff");
    }

    @Test
    void aFunctionsOwnLimitAppliesUnlessTheCallSetsOne() {
        RetryPolicy policy = RetryPolicy.defaults();
        OptionalInt once = OptionalInt.of(1);

        assertThat(policy.maxRetriesFor(TestCalls.call("fail").build(), once)).isEqualTo(1);
        assertThat(policy.maxRetriesFor(
                        TestCalls.call("fail").args("{\"retry\": {\"max\": 5}}").build(), once))
                .isEqualTo(5);
        assertThat(policy.maxRetriesFor(TestCalls.call("fail").build(), OptionalInt.empty()))
                .isEqualTo(3);
    }

    /** The limit of a call with {@code args}, for a function that declares none. */
    private int ownLimit(String args) {
        return policy.maxRetriesFor(TestCalls.call("fail").args(args).build(), OptionalInt.empty());
    }
}
