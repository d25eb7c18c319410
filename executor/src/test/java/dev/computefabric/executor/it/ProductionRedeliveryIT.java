package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.infra.stack.BrokerProfile;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a kill -9'd executor's calls take to come back with Kafka's production defaults (share session
 * timeout 45 s). Takes over a minute, so it runs only with {@code -Dfabric.it.production=true}.
 */
@EnabledIfSystemProperty(named = "fabric.it.production", matches = "true")
class ProductionRedeliveryIT {

    @Test
    void aKilledExecutorsCallsComeBackAfterTheDefaultShareSessionTimeout() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "it-standard-");
        try (EmbeddedStack stack = EmbeddedStack.builder()
                        .dataDir(dir.toAbsolutePath())
                        .brokerProfile(BrokerProfile.STANDARD)
                        .build()
                        .start();
                Observer observer = Observer.start(stack.bootstrap(), stack.registryUrl());
                Scenario scenario = new Scenario(DispatchMode.SHARE, stack, observer)) {
            String topic = scenario.topic(scenario.tag);
            ChildJvm victim = scenario.executor(scenario.tag + "-victim", 2);
            scenario.produce(topic, scenario.call("warm-up", "echo", "{}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> scenario.result("warm-up") != null);
            scenario.produce(topic, scenario.call("held", "sleep", "{\"ms\": 30000}"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !observer.started(scenario.callId("held")).isEmpty());
            String survivorId = scenario.tag + "-survivor";
            scenario.executor(survivorId, 2);

            victim.kill();
            long killedAt = System.nanoTime();

            await().atMost(Duration.ofSeconds(120))
                    .until(() -> observer.started(scenario.callId("held")).stream()
                            .map(CallEvent::getExecutorId)
                            .anyMatch(survivorId::equals));
            long ms = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf(
                    "[SHARE, production defaults] kill -9: the held call started again on the survivor %d ms after the kill%n",
                    ms);
            assertThat(List.of(ms)).allSatisfy(m -> assertThat(m).isGreaterThan(30_000));
        }
    }
}
