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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a lost executor's call takes to come back with Kafka's production defaults (share session timeout 45 s,
 * record lock 30 s, renewed every 10 s). A node killed with {@code kill -9} closes its connections and the broker
 * hands its records out again at once; a frozen node ({@code SIGSTOP}: its connections stay open, as when the network
 * is cut) keeps them until their locks run out. Over a minute, so it runs only with {@code -Dfabric.it.production=true}.
 */
@EnabledIfSystemProperty(named = "fabric.it.production", matches = "true")
class ProductionRedeliveryIT {

    @Test
    void aKilledExecutorsCallComesBackWithinSecondsWithoutWaitingForTheSessionTimeout() throws Exception {
        long ms = heldCallStartsAgainAfter("kill -9", ChildJvm::kill);
        assertThat(ms).as("ms from the kill to the call's second start").isLessThan(30_000);
    }

    @Test
    void aFrozenExecutorsCallComesBackOnceItsLockRanOut() throws Exception {
        long ms = heldCallStartsAgainAfter("SIGSTOP", victim -> victim.signal("STOP"));
        // Renewed at most 10 s before the freeze, a 30 s lock runs out 20 to 30 s after it.
        assertThat(ms).as("ms from the freeze to the call's second start").isGreaterThan(15_000);
    }

    /** Runs a 60 s call on a victim, does {@code fault} to it, and returns the ms until the call starts elsewhere. */
    private static long heldCallStartsAgainAfter(String what, Consumer<ChildJvm> fault) throws Exception {
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
            scenario.produce(topic, scenario.call("held", "sleep", "{\"ms\": 60000}"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !observer.started(scenario.callId("held")).isEmpty());
            String survivorId = scenario.tag + "-survivor";
            scenario.executor(survivorId, 2);

            fault.accept(victim);
            long faultAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> observer.started(scenario.callId("held")).stream()
                            .map(CallEvent::getExecutorId)
                            .anyMatch(survivorId::equals));
            long ms = (System.nanoTime() - faultAt) / 1_000_000;
            System.out.printf(
                    "[SHARE, production defaults] %s: the held call started again on the survivor %d ms after it%n",
                    what, ms);
            victim.kill();
            return ms;
        }
    }
}
