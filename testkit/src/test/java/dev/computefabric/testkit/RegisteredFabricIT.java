package dev.computefabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.api.FabricNode;
import dev.computefabric.executor.function.TypedFunction;
import dev.computefabric.sdk.CallRequest;
import dev.computefabric.sdk.CallResult;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.KafkaSubmitter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension registered with a function instance, in a second test class: the same fabric as
 * {@link AnnotatedFabricIT}'s (one start per run), and a node and a tag per test.
 */
class RegisteredFabricIT {

    record Pair(int a, int b) {}

    record Sum(int sum) {}

    static final int OFFSET = 1000;

    static final TypedFunction<Pair, Sum> ADD =
            TypedFunction.of("kit.add", Pair.class, Sum.class, (in, context) -> new Sum(in.a() + in.b() + OFFSET));

    @RegisterExtension
    static final FabricExtension FABRIC =
            FabricExtension.builder().function(ADD).slots(4).build();

    FabricTestInfo beforeEachSaw;

    @BeforeEach
    void seesTheSameTestsFabric(FabricTestInfo info) {
        beforeEachSaw = info;
    }

    @Test
    void aFunctionInstanceWithStateOfItsOwnIsServed(FabricClient fabric, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);
        assertThat(beforeEachSaw).isSameAs(info);

        assertThat(fabric.call("kit.add", new Pair(1, 2), Sum.class)).isEqualTo(new Sum(1003));
    }

    @Test
    void manyCallsAtOnceAllRunOnThisTestsNodeWhileAnotherIdleNodeServesTheSameFunctions(
            FabricClient fabric, KafkaSubmitter submitter, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);

        // A node without the tag, serving kit.add and the built-ins, with more free slots than this test's node: it
        // reads fabric.calls.any, where every call would go without a tag.
        try (FabricNode other = FabricNode.builder()
                .bootstrap(info.bootstrap())
                .registry(info.registryUrl())
                .s3(info.s3Endpoint())
                .id("other-node-" + info.tag())
                .slots(8)
                .drainTimeout(Duration.ofSeconds(5))
                .function(ADD)
                .start()) {
            List<CompletableFuture<FuncResult>> overKafka = IntStream.range(0, 10)
                    .mapToObj(i -> submitter.submit("kit.add", "{\"a\": " + i + ", \"b\": 0}", List.of()))
                    .toList();
            List<CallResult> overHttp = IntStream.range(0, 10)
                    .mapToObj(i -> fabric.submit(CallRequest.of("echo")
                            .withArgs("{\"i\": " + i + "}")
                            .waitingUpTo(Duration.ofSeconds(60))))
                    .toList();

            for (int i = 0; i < overKafka.size(); i++) {
                FuncResult result = overKafka.get(i).join();
                assertThat(result.getState()).isEqualTo(CallState.FINISHED);
                assertThat(result.getOutput()).isEqualTo("{\"sum\":" + (OFFSET + i) + "}");
                assertThat(result.getExecutorId()).isEqualTo(info.nodeId());
            }
            assertThat(overHttp).allSatisfy(result -> {
                assertThat(result.state()).isEqualTo("FINISHED");
                assertThat(result.executorId()).isEqualTo(info.nodeId());
            });
            assertThat(other.running()).isTrue();
        }
    }

    @Test
    void theCatalogListsThisTestsNodeWithTheSlotsItWasGiven(FabricClient fabric, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);

        JsonNode entry = fabric.function("kit.add");

        // The nodes of earlier tests leave the catalog as they close; this one is listed, with its slots.
        assertThat(entry.path("nodes")).anySatisfy(node -> {
            assertThat(node.path("executorId").asText()).isEqualTo(info.nodeId());
            assertThat(node.path("slots").asInt()).isEqualTo(4);
        });
    }
}
