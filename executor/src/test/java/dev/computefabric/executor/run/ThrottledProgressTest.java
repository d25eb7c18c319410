package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledProgressTest {

    private final SettableClock clock = SettableClock.at("2026-01-01T00:00:00Z");
    private final List<String> sent = new ArrayList<>();
    private final CallEvents events = new CallEvents() {
        @Override
        public void started(FuncCall call, Instant at) {}

        @Override
        public void progress(FuncCall call, Instant at, double fraction, String message) {
            sent.add(fraction + " " + message);
        }
    };
    private final ThrottledProgress progress =
            new ThrottledProgress(TestCalls.call("f").build(), events, clock, Duration.ofMillis(250));

    @Test
    void reportsCloserTogetherThanTheIntervalAreDropped() {
        progress.report(0.1, "first");
        clock.advance(Duration.ofMillis(100));
        progress.report(0.2, "too soon");
        clock.advance(Duration.ofMillis(150));
        progress.report(0.3, "an interval after the first");

        assertThat(sent).containsExactly("0.1 first", "0.3 an interval after the first");
    }

    @Test
    void fractionsAreClampedAndNaNIsIgnored() {
        progress.report(Double.NaN, "nothing");
        progress.report(-1, "below");
        clock.advance(Duration.ofSeconds(1));
        progress.report(7, "above");

        assertThat(sent).containsExactly("0.0 below", "1.0 above");
    }
}
