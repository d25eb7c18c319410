package dev.computefabric.executor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelRegistryTest {

    private final SettableClock clock = SettableClock.at("2030-01-01T00:00:00Z");
    private final CancelRegistry cancels = new CancelRegistry(clock, Duration.ofMinutes(10), 2);

    @Test
    void aCallCancelledBeforeItArrivesIsNotRegisteredToRun() {
        cancels.cancel("a", "user asked");

        assertThat(cancels.running("a", reason -> {})).isFalse();
        assertThat(cancels.cancelled("a")).hasValue("user asked");
    }

    @Test
    void aCancelInterruptsTheRunningCallWithItsReason() {
        List<String> interrupts = new ArrayList<>();
        assertThat(cancels.running("a", interrupts::add)).isTrue();

        cancels.cancel("a", "too slow");

        assertThat(interrupts).containsExactly("too slow");
    }

    @Test
    void aFinishedCallIsNotInterruptedAnyMore() {
        List<String> interrupts = new ArrayList<>();
        cancels.running("a", interrupts::add);
        cancels.finished("a");

        cancels.cancel("a", null);

        assertThat(interrupts).isEmpty();
        assertThat(cancels.cancelled("a")).hasValue("cancelled");
    }

    @Test
    void cancellationsAreForgottenAfterTheTtlAndBeyondTheCapacityOldestFirst() {
        cancels.cancel("old", "x");
        clock.advance(Duration.ofMinutes(11));
        assertThat(cancels.cancelled("old")).isEmpty();

        cancels.cancel("a", "x");
        cancels.cancel("b", "x");
        cancels.cancel("c", "x");
        assertThat(cancels.cancelled("a")).isEmpty();
        assertThat(cancels.cancelled("c")).isPresent();
    }
}
