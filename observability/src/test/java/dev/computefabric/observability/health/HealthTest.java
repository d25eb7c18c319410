package dev.computefabric.observability.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void readyOnlyWhenEveryLivenessAndReadinessCheckHolds() {
        AtomicBoolean connected = new AtomicBoolean(false);
        Health health = new Health()
                .live("threads", HealthCheck.of(() -> true, "dead"))
                .ready("kafka", HealthCheck.of(connected::get, "not connected to Kafka"));

        assertThat(health.liveness().up()).isTrue();
        assertThat(health.readiness().up()).isFalse();
        assertThat(health.readiness().json())
                .isEqualTo(
                        "{\"status\":\"DOWN\",\"checks\":{\"threads\":\"UP\",\"kafka\":\"not connected to Kafka\"}}");

        connected.set(true);
        assertThat(health.readiness().up()).isTrue();
    }

    @Test
    void aCheckThatThrowsFailsItsProbeSayingWhy() {
        Health health = new Health().live("broken", () -> {
            throw new IllegalStateException("boom \"quoted\"");
        });

        assertThat(health.liveness().up()).isFalse();
        assertThat(health.liveness().json()).contains("boom \\\"quoted\\\"");
    }
}
