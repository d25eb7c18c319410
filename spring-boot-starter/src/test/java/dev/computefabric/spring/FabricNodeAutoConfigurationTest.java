package dev.computefabric.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's wiring, without a fabric: what it refuses and what it leaves alone. */
class FabricNodeAutoConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FabricNodeAutoConfiguration.class));

    @Test
    void turnedOffItRunsNoNode() {
        context.withPropertyValues("fabric.enabled=false")
                .run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(FabricNodeLifecycle.class));
    }

    @Test
    void withoutBootstrapTheApplicationDoesNotStartAndSaysWhatToSet() {
        context.withPropertyValues("fabric.registry=http://127.0.0.1:8081")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("fabric.bootstrap is required"));
    }

    @Test
    void withoutRegistryTheApplicationDoesNotStartAndSaysWhatToSet() {
        context.withPropertyValues("fabric.bootstrap=127.0.0.1:9092")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("fabric.registry is required"));
    }
}
