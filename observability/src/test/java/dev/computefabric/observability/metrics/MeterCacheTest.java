package dev.computefabric.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterCacheTest {

    record Tags(String function, String state) {}

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger registered = new AtomicInteger();
    private final MeterCache<Tags, Counter> ended = new MeterCache<>(tags -> {
        registered.incrementAndGet();
        return Counter.builder("calls.ended")
                .tag("function", tags.function())
                .tag("state", tags.state())
                .register(registry);
    });

    @Test
    void equalTagValuesCountOnOneMeterRegisteredOnce() {
        ended.get(new Tags("echo", "FINISHED")).increment();
        ended.get(new Tags("echo", "FINISHED")).increment();
        ended.get(new Tags("echo", "FAILED")).increment();

        assertThat(registered).hasValue(2);
        assertThat(registry.get("calls.ended")
                        .tag("state", "FINISHED")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("calls.ended").tag("state", "FAILED").counter().count())
                .isEqualTo(1.0);
    }
}
