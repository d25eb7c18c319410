package dev.computefabric.executor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationsTest {

    private final SettableClock clock = SettableClock.at("2030-01-01T00:00:00Z");
    private final Cancellations cancellations = new Cancellations(clock, Duration.ofMinutes(10), 2);

    @Test
    void aCallCancelledBeforeItArrivesIsNotRegisteredToRun() {
        cancellations.cancel("a", "user asked");

        assertThat(cancellations.running("a", reason -> { })).isFalse();
        assertThat(cancellations.cancelled("a")).hasValue("user asked");
    }

    @Test
    void aCancelInterruptsTheRunningCallWithItsReason() {
        List<String> interrupts = new ArrayList<>();
        assertThat(cancellations.running("a", interrupts::add)).isTrue();

        cancellations.cancel("a", "too slow");

        assertThat(interrupts).containsExactly("too slow");
    }

    @Test
    void aFinishedCallIsNotInterruptedAnyMore() {
        List<String> interrupts = new ArrayList<>();
        cancellations.running("a", interrupts::add);
        cancellations.finished("a");

        cancellations.cancel("a", null);

        assertThat(interrupts).isEmpty();
        assertThat(cancellations.cancelled("a")).hasValue("cancelled");
    }

    @Test
    void cancellationsAreForgottenAfterTheTtlAndBeyondTheCapacityOldestFirst() {
        cancellations.cancel("old", "x");
        clock.advance(Duration.ofMinutes(11));
        assertThat(cancellations.cancelled("old")).isEmpty();

        cancellations.cancel("a", "x");
        cancellations.cancel("b", "x");
        cancellations.cancel("c", "x");
        assertThat(cancellations.cancelled("a")).isEmpty();
        assertThat(cancellations.cancelled("c")).isPresent();
    }
}
