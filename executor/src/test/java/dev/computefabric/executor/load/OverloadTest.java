package dev.computefabric.executor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.testing.SettableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OverloadTest {

    private static final long GIB = 1L << 30;
    private final Overload overload = new Overload(new LoadLimits(2.0, 0.10));

    @Test
    void aHostWithLoadAndMemoryToSpareTakesCalls() {
        assertThat(overload.check(new HostReading(3.0, 2, 8 * GIB, 16 * GIB))).isEmpty();
    }

    @Test
    void loadAboveTheLimitPerCoreStopsIntakeAndSaysWhy() {
        assertThat(overload.check(new HostReading(4.2, 2, 8 * GIB, 16 * GIB)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("load 2.10 per core", "above 2.00"));
    }

    @Test
    void tooLittleAvailableMemoryStopsIntake() {
        assertThat(overload.check(new HostReading(0.5, 2, GIB, 16 * GIB)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("6.3% of memory available", "below 10.0%"));
    }

    @Test
    void unknownReadingsNeverBlock() {
        assertThat(overload.check(new HostReading(-1, 2, -1, -1))).isEmpty();
    }

    @Test
    void zeroTurnsAChecksOff() {
        assertThat(new Overload(LoadLimits.off()).check(new HostReading(100, 1, 1, 16 * GIB)))
                .isEmpty();
    }

    @Test
    void limitsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> new LoadLimits(-1, 0.1)).hasMessageContaining("maxLoadPerCore");
        assertThatThrownBy(() -> new LoadLimits(2, 1.5)).hasMessageContaining("minFreeMemory");
    }

    @Test
    void theHostIsReadAgainOnlyOncePerIntervalAndRecoversWhenTheLoadDrops() {
        SettableClock clock = SettableClock.at("2030-01-01T00:00:00Z");
        AtomicReference<HostReading> reading = new AtomicReference<>(new HostReading(9, 2, 8 * GIB, 16 * GIB));
        HostLoad load = new HostLoad(overload, reading::get, clock, Duration.ofSeconds(1));

        assertThat(load.overloaded()).isPresent();
        reading.set(new HostReading(1, 2, 8 * GIB, 16 * GIB));
        assertThat(load.overloaded()).as("cached within the interval").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(load.overloaded()).isEmpty();
    }
}
