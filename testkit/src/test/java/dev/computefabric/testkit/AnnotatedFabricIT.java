package dev.computefabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.sdk.CallRequest;
import dev.computefabric.sdk.CallResult;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.FabricException;
import dev.computefabric.sdk.KafkaSubmitter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The extension as users meet it first: {@code @FabricTest} naming a function class and a scripts folder. */
@FabricTest(functions = Upper.class, scripts = "src/test/scripts", slots = 2)
class AnnotatedFabricIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aTestsFunctionRunsOverHttpOnThatTestsOwnNode(FabricClient fabric, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);

        CallResult result = fabric.submit(
                CallRequest.of("kit.upper").withArgs("{\"text\": \"quiet\"}").waitingUpTo(WAIT));

        assertThat(result.state()).as("result %s", result).isEqualTo("FINISHED");
        assertThat(result.output().path("text").asText()).isEqualTo("QUIET");
        assertThat(result.executorId()).isEqualTo(info.nodeId());
        assertThat(fabric.requirements()).containsExactly(info.tag());
    }

    @Test
    void aTestsFunctionRunsOverKafkaOnThatTestsOwnNode(KafkaSubmitter submitter, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);

        // No requirements of its own: the injected submitter adds the test's tag.
        FuncResult result = submitter.call("kit.upper", "{\"text\": \"kafka\"}", List.of());

        assertThat(result.getState()).isEqualTo(CallState.FINISHED);
        assertThat(result.getOutput()).isEqualTo("{\"text\":\"KAFKA\"}");
        assertThat(result.getExecutorId()).isEqualTo(info.nodeId());
    }

    @Test
    void aScriptOfTheTestsFolderIsServedTooAndTypedCallsWork(FabricClient fabric, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);

        Upper.Shouted typed = fabric.call("kit.upper", new Upper.Text("typed"), Upper.Shouted.class);
        CallResult script = fabric.submit(
                CallRequest.of("kit.shout").withArgs("{\"word\": \"hey\"}").waitingUpTo(WAIT));

        assertThat(typed).isEqualTo(new Upper.Shouted("TYPED"));
        assertThat(script.state()).as("result %s", script).isEqualTo("FINISHED");
        assertThat(script.output().path("shouted").asText()).isEqualTo("HEY!");
        assertThat(script.executorId()).isEqualTo(info.nodeId());
    }

    @Test
    void argumentsThatDoNotFitTheSignatureAreRefusedByTheGateway(FabricClient fabric, FabricTestInfo info) {
        RunWide.assertSharedFabricAndOwnTag(info);

        assertThatThrownBy(() -> fabric.call("kit.upper", Map.of("text", 42, "extra", true), Upper.Shouted.class))
                .isInstanceOfSatisfying(
                        FabricException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
