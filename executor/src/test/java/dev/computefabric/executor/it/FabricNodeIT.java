package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.executor.api.FabricNode;
import dev.computefabric.executor.function.FabricParam;
import dev.computefabric.executor.function.TypedFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node embedded in the test's own JVM through the public API, serving a typed function on the real broker. */
class FabricNodeIT {

    static final Duration BOUND = Duration.ofSeconds(40);

    record Greeting(
            String who,

            @FabricParam(defaultValue = "1", description = "how often")
            int times) {}

    record Greeted(String text) {}

    @Test
    void anApplicationsNodeServesItsTypedFunctionAnnouncesItAndTakesItBackOnClose() {
        try (Scenario scenario = new Scenario(DispatchMode.SHARE)) {
            String id = scenario.tag + "-app";
            String topic = scenario.topic(scenario.tag);
            TypedFunction<Greeting, Greeted> greet = TypedFunction.of(
                            "app.greet",
                            Greeting.class,
                            Greeted.class,
                            (in, context) -> new Greeted(("hello " + in.who() + " ")
                                    .repeat(in.times())
                                    .strip()))
                    .describedAs("greets someone");

            try (FabricNode node = FabricNode.builder()
                    .bootstrap(scenario.stack.bootstrap())
                    .registry(scenario.stack.registryUrl())
                    .capabilities(scenario.tag)
                    .group(scenario.group)
                    .id(id)
                    .slots(2)
                    .drainTimeout(Duration.ofSeconds(5))
                    .function(greet)
                    .start()) {
                assertThat(node.functions()).contains("app.greet", "echo");

                await().atMost(BOUND).until(() -> scenario.observer.catalog(id).isPresent());
                FunctionSpec spec = scenario.observer.catalog(id).orElseThrow().getFunctions().stream()
                        .filter(f -> f.getName().equals("app.greet"))
                        .findFirst()
                        .orElseThrow();
                assertThat(spec.getDescription()).isEqualTo("greets someone");
                assertThat(spec.getInputs()).extracting(FunctionParam::getName).containsExactly("who", "times");
                assertThat(scenario.observer.catalog(id).orElseThrow().getCapabilities())
                        .containsExactly(scenario.tag);

                scenario.produce(topic, scenario.call("hi", "app.greet", "{\"who\": \"ada\", \"times\": 2}"));
                scenario.produce(topic, scenario.call("bad", "app.greet", "{\"who\": \"ada\", \"times\": \"two\"}"));

                await().atMost(BOUND).until(() -> scenario.result("hi") != null && scenario.result("bad") != null);
                assertThat(scenario.result("hi").getState()).isEqualTo(CallState.FINISHED);
                assertThat(scenario.result("hi").getOutput()).isEqualTo("{\"text\":\"hello ada hello ada\"}");
                assertThat(scenario.result("hi").getExecutorId()).isEqualTo(id);
                assertThat(scenario.result("bad").getState()).isEqualTo(CallState.FAILED);
                assertThat(scenario.result("bad").getError().getType()).isEqualTo("BadArguments");
                assertThat(scenario.result("bad").getError().getMessage())
                        .startsWith("app.greet: \"times\" (int) must be a whole number");
            }

            await().atMost(BOUND).until(() -> scenario.observer.catalog(id).isEmpty());
        }
    }
}
