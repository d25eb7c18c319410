package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.executor.DispatchMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Share-group dispatch (the default) on the real broker; its acquisition locks are {@link ShareLocksIT}'s. */
class ShareDispatchIT extends DispatchContract {

    private static final Duration RUN_BOUND = DispatchContract.RUN_BOUND;

    @Override
    DispatchMode mode() {
        return DispatchMode.SHARE;
    }

    @Test
    void aCallNeedingACapabilityNobodyHasWaitsUntilAnExecutorWithItStarts() {
        String gpu = scenario.tag + "-gpu";
        String topic = scenario.topic(gpu);
        scenario.executor(scenario.tag + "-plain", 2);
        scenario.produce(topic, scenario.call("needs-gpu", "echo", "{}"));

        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> scenario.result("needs-gpu") == null);

        scenario.executor(scenario.tag + "-gpu-node", 1, "--capabilities", gpu);
        await().atMost(Duration.ofSeconds(30)).until(() -> scenario.result("needs-gpu") != null);
        assertThat(scenario.result("needs-gpu").getState()).isEqualTo(CallState.FINISHED);
        assertThat(scenario.result("needs-gpu").getExecutorId()).isEqualTo(scenario.tag + "-gpu-node");
    }

    @Test
    void cancelledCallsEndCancelledAndACallPastItsDeadlineEndsTimedOut() {
        String topic = scenario.topic(scenario.tag);
        scenario.executor(scenario.tag + "-node", 4);
        scenario.produce(topic, scenario.call("warm-up", "echo", "{}"));
        await().atMost(RUN_BOUND).until(() -> scenario.result("warm-up") != null);

        scenario.produce(topic, scenario.call("running", "sleep", "{\"ms\": 30000}"));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !scenario.observer.started(scenario.callId("running")).isEmpty());
        scenario.cancel("running", "changed my mind");
        // Cancelled before it arrives. The CANCEL and the call travel different topics and consumers, so the
        // node may start the call a moment before it hears the CANCEL; a long call shows either way that it
        // never runs to completion (an instant one might finish first: the router still reports CANCELLED).
        scenario.cancel("early", "not needed");
        scenario.produce(topic, scenario.call("early", "sleep", "{\"ms\": 30000}"));
        var late = scenario.call("late", "sleep", "{\"ms\": 30000}");
        late.setTimeoutMs(1500L);
        scenario.produce(topic, late);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> scenario.result("running") != null
                        && scenario.result("early") != null
                        && scenario.result("late") != null);
        assertThat(scenario.result("running").getState()).isEqualTo(CallState.CANCELLED);
        assertThat(scenario.result("running").getError().getMessage()).contains("changed my mind");
        assertThat(scenario.result("early").getState()).isEqualTo(CallState.CANCELLED);
        assertThat(scenario.result("late").getState()).isEqualTo(CallState.TIMED_OUT);
    }
}
