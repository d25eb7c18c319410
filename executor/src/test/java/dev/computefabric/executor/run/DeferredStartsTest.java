package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.testing.TestCalls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DeferredStartsTest {

    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final CallEvents recorder = (call, at) -> announced.add(call.getCallId());
    private final FuncCall call = TestCalls.call("echo").id("c1").build();

    @Test
    void aCallThatEndsWithinTheGraceIsNeverAnnounced() {
        try (DeferredStarts starts = new DeferredStarts(recorder, Duration.ofHours(1))) {
            starts.started(call, TestCalls.SUBMITTED);
            starts.ended(call);
        }

        assertThat(announced).isEmpty();
    }

    @Test
    void aCallStillRunningAfterTheGraceIsAnnouncedOnce() {
        try (DeferredStarts starts = new DeferredStarts(recorder, Duration.ofMillis(10))) {
            starts.started(call, TestCalls.SUBMITTED);

            await().atMost(Duration.ofSeconds(10)).until(() -> !announced.isEmpty());
            starts.ended(call);
        }

        assertThat(announced).containsExactly("c1");
    }

    @Test
    void aLateAnnouncementIsSentWithTheMdcOfTheThreadThatStartedTheCall() {
        List<String> traces = new CopyOnWriteArrayList<>();
        CallEvents tracing = (started, at) -> traces.add(String.valueOf(MDC.get("traceId")));
        try (DeferredStarts starts = new DeferredStarts(tracing, Duration.ofMillis(10))) {
            MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
            starts.started(call, TestCalls.SUBMITTED);
            MDC.clear();

            await().atMost(Duration.ofSeconds(10)).until(() -> !traces.isEmpty());
        }

        assertThat(traces).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void withoutAGraceEveryStartIsAnnouncedAtOnce() {
        try (DeferredStarts starts = new DeferredStarts(recorder, Duration.ZERO)) {
            starts.started(call, TestCalls.SUBMITTED);
        }

        assertThat(announced).containsExactly("c1");
    }
}
