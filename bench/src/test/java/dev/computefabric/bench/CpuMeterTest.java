package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void itMeasuresTheBenchItselfAndSkipsProcessesThatAreGone() {
        CpuMeter meter = new CpuMeter(Map.of("gone", Long.MAX_VALUE));

        meter.start();
        meter.stop();
        Map<String, Double> perCall = meter.msPerCall(10);

        assertThat(perCall).containsOnlyKeys(CpuMeter.BENCH);
        assertThat(perCall.get(CpuMeter.BENCH)).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void noCallsMeansNoCostPerCall() {
        CpuMeter meter = CpuMeter.none();
        meter.start();
        meter.stop();

        assertThat(meter.msPerCall(0).get(CpuMeter.BENCH)).isNaN();
    }
}
