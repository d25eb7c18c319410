package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitMeterTest {

    // utime 2000 and stime 15 ticks, after the thread's name
    private static final String TAIL = " S 1 2 3 0 -1 4194368 1 0 0 0 2000 15 0 0 20 0 40 0 100 0 0";

    @Test
    void aCompilerThreadCountsItsUserAndSystemTime() {
        assertThat(JitMeter.compilerTicks("4711 (C2 CompilerThre)" + TAIL)).isEqualTo(2015);
        assertThat(JitMeter.compilerTicks("4712 (C1 CompilerThre)" + TAIL)).isEqualTo(2015);
    }

    @Test
    void anyOtherThreadCountsNothingWhateverItsNameHolds() {
        assertThat(JitMeter.compilerTicks("4713 (data-plane-kafk)" + TAIL)).isZero();
        assertThat(JitMeter.compilerTicks("4714 (a (C2 CompilerThre) b)" + TAIL))
                .isZero();
    }

    @Test
    void theCompilersArePartOfTheProcessesCpu() {
        JitMeter.Reading reading = new JitMeter(List.of(Long.MAX_VALUE)).read();

        assertThat(reading.total()).isPositive();
        assertThat(reading.compilers()).isBetween(Duration.ZERO, reading.total());
    }

    @Test
    void theShareIsTheCompilersPartOfADifference() {
        JitMeter.Reading earlier = new JitMeter.Reading(Duration.ofMillis(1_000), Duration.ofMillis(400));
        JitMeter.Reading later = new JitMeter.Reading(Duration.ofMillis(3_000), Duration.ofMillis(900));

        assertThat(later.minus(earlier).compilerShare()).isEqualTo(0.25);
        assertThat(earlier.minus(earlier).compilerShare()).isZero();
    }
}
