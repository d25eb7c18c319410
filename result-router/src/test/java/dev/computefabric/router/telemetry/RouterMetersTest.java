package dev.computefabric.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.testing.TestCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouterMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouterMeters meters = new RouterMeters(registry);

    @Test
    void aCallIsCountedOnceWhenItEndsWithItsLatency() {
        CallStatus accepted = status(CallState.ACCEPTED, Duration.ZERO, null);
        CallStatus finished = status(CallState.FINISHED, Duration.ofMillis(250), null);

        meters.applied(null, accepted);
        meters.applied(accepted, finished);
        meters.applied(finished, status(CallState.FINISHED, Duration.ofMillis(300), null));

        assertThat(registry.get("fabric.calls.ended")
                        .tags("function", "echo", "capset", "any", "state", "FINISHED")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("fabric.call.latency").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(250);
    }

    @Test
    void cacheableCallsCountAsHitsWhenAnsweredFromAnotherCallsRun() {
        meters.applied(null, status(CallState.FINISHED, Duration.ofMillis(5), "c0"));
        meters.applied(null, status(CallState.FINISHED, Duration.ofMillis(5), null));

        assertThat(registry.get("fabric.router.cache.hits").counter().count()).isEqualTo(1);
        assertThat(registry.get("fabric.router.cache.misses").counter().count()).isEqualTo(1);
    }

    @Test
    void aCallReadAgainCountsAsADuplicateAndAStaleResultAsDropped() {
        meters.ignored("FuncCall", status(CallState.RUNNING, Duration.ZERO, null));
        meters.ignored("FuncCall", null);
        meters.ignored("CallEvent", status(CallState.RUNNING, Duration.ZERO, null));
        meters.dropped();

        assertThat(registry.get("fabric.router.duplicate.calls").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("fabric.router.dropped.results").counter().count())
                .isEqualTo(1);
    }

    private static CallStatus status(CallState state, Duration after, String cachedFrom) {
        boolean cacheable = cachedFrom != null || state == CallState.FINISHED;
        FuncResult result = state == CallState.FINISHED
                ? FuncResult.newBuilder()
                        .setCallId("c1")
                        .setFunction("echo")
                        .setState(state)
                        .setFinishedAt(TestCalls.SUBMITTED.plus(after))
                        .setCachedFrom(cachedFrom)
                        .build()
                : null;
        return CallStatus.newBuilder()
                .setCallId("c1")
                .setFunction("echo")
                .setState(state)
                .setCapset("any")
                .setSubmittedAt(TestCalls.SUBMITTED)
                .setUpdatedAt(TestCalls.SUBMITTED.plus(after))
                .setResult(result)
                .setCacheKey(cacheable && cachedFrom != null ? "k1" : cacheable ? "k2" : null)
                .build();
    }
}
