package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallLogTest {

    private final List<String> sent = new ArrayList<>();
    private final CallEvents events = new CallEvents() {
        @Override
        public void started(dev.computefabric.avro.FuncCall call, java.time.Instant at) {}

        @Override
        public void log(dev.computefabric.avro.FuncCall call, java.time.Instant at, String line) {
            sent.add(line);
        }
    };
    private final CallLog log =
            new CallLog(TestCalls.call("script").build(), events, new SettableClock(TestCalls.SUBMITTED));

    @Test
    void linesAreSentAsTheyComeAndALongOneIsCut() {
        log.line("first");
        log.line("x".repeat(CallLog.MAX_LINE_LENGTH + 10));

        assertThat(sent.get(0)).isEqualTo("first");
        assertThat(sent.get(1)).hasSize(CallLog.MAX_LINE_LENGTH + 3).endsWith("...");
    }

    @Test
    void aCallThatPrintsTooMuchSendsTheLimitAndOneLineSayingTheRestWasDropped() {
        for (int i = 0; i < CallLog.MAX_LINES + 50; i++) {
            log.line("line " + i);
        }

        assertThat(sent).hasSize(CallLog.MAX_LINES + 1);
        assertThat(sent.get(CallLog.MAX_LINES)).contains("the rest are not sent");
    }
}
