package dev.computefabric.router;

import static dev.computefabric.testing.TestCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Priority;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls on a priority level's topic are calls like any other, and the cache runs a miss at its priority. */
class RouterPriorityTest {

    private static final String GATEWAY = Topics.replies("gw-1");
    private static final String HIGH = Topics.calls(Capset.of("python"), Priority.HIGH);

    @RegisterExtension
    final RouterDriver router = new RouterDriver();

    @Test
    void aCallOnAHighTopicIsAcceptedWithTheCapsetOfItsTopic() {
        router.call(HIGH, priority(call("echo").id("c1").replyTo(GATEWAY).build(), Priority.HIGH));
        router.afterGrace();

        assertThat(router.statuses()).singleElement().satisfies(status -> {
            assertThat(status.getState()).isEqualTo(CallState.ACCEPTED);
            assertThat(status.getCapset()).isEqualTo("python");
        });
    }

    @Test
    void aCacheableHighCallThatMissesRunsOnTheHighTopic() {
        FuncCall call =
                call("echo").id("c1").replyTo(GATEWAY).cached("5f1d0c", 60_000).build();
        call.setPriority(Priority.HIGH);

        router.cacheRequest(call);

        assertThat(router.calls(Topics.calls(Capset.of(), Priority.HIGH)))
                .extracting(FuncCall::getCallId)
                .containsExactly("c1");
        assertThat(router.calls(RouterDriver.ANY)).isEmpty();
    }

    private static FuncCall priority(FuncCall call, Priority priority) {
        call.setPriority(priority);
        return call;
    }
}
