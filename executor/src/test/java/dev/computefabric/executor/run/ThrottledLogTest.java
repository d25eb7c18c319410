package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    private final SettableClock clock = SettableClock.at("2026-01-01T00:00:00Z");
    private final List<String> sent = new ArrayList<>();
    private final CallEvents events = new CallEvents() {
        @Override
        public void started(FuncCall call, Instant at) {}

        @Override
        public void log(FuncCall call, Instant at, String line) {
            sent.add(line);
        }
    };
    private final ThrottledLog log = new ThrottledLog(TestCalls.call("f").build(), events, clock);

    @Test
    void linesBeyondTheRateAreDroppedAndTheirCountIsSaidInTheNextLine() {
        for (int i = 0; i < ThrottledLog.MAX_LINES_PER_WINDOW + 7; i++) {
            log.line("line " + i);
        }
        clock.advance(ThrottledLog.WINDOW);
        log.line("after a window");

        assertThat(sent).hasSize(ThrottledLog.MAX_LINES_PER_WINDOW + 1);
        assertThat(sent).last().isEqualTo("(7 lines dropped) after a window");
    }

    @Test
    void longLinesAreCut() {
        log.line("x".repeat(ThrottledLog.MAX_LINE_LENGTH * 2));

        assertThat(sent.get(0)).hasSize(ThrottledLog.MAX_LINE_LENGTH + 1).endsWith("…");
    }
}
