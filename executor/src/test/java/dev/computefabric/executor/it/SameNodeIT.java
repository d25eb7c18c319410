package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.NextStep;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.tables.TableStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same-node shortcut of pipelines on the real stack: a call produced with a next step ({@code FuncCall.next}, as
 * the router sets it) is followed by that step on the executor that ran it, and the table the step takes never
 * reaches S3.
 */
class SameNodeIT {

    static final Duration BOUND = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGeneratedTableOverTheInlineLimitIsDescribedOnTheSameNodeAndNeverStored() throws Exception {
        try (Scenario scenario = new Scenario(DispatchMode.SHARE);
                TableStore storage = new TableStore(scenario.s3Settings())) {
            String topic = scenario.topic(scenario.tag);
            startExecutors(scenario);
            long storedBefore = storage.listTables().count();
            FuncCall generate = scenario.call("gen", "table.generate", "{\"rows\": 100000}");
            generate.setNext(NextStep.newBuilder()
                    .setCallId(scenario.callId("describe"))
                    .setStep("describe")
                    .setPrevious("gen")
                    .setFunction("table.describe")
                    .setArgs("{\"rows\": \"${gen.output.rows}\"}")
                    .setPreviousTables(Map.of("data", "data"))
                    .build());

            scenario.produce(topic, generate);

            FuncResult generated = result(scenario, "gen");
            FuncResult described = result(scenario, "describe");
            assertThat(generated.getState()).as("%s", generated.getError()).isEqualTo(CallState.FINISHED);
            assertThat(generated.getTables()).doesNotContainKey("data");
            assertThat(described.getState()).as("%s", described.getError()).isEqualTo(CallState.FINISHED);
            assertThat(JSON.readTree(described.getOutput()).path("rows").asLong())
                    .isEqualTo(100_000);
            assertThat(described.getExecutorId()).isEqualTo(generated.getExecutorId());
            assertThat(storage.listTables().count()).as("objects under tables/").isEqualTo(storedBefore);
            assertThat(scenario.results("gen")).hasSize(1);
            assertThat(scenario.results("describe")).hasSize(1);
        }
    }

    @Test
    void aCallThatFailsIsFollowedByNothing() throws Exception {
        try (Scenario scenario = new Scenario(DispatchMode.SHARE)) {
            String topic = scenario.topic(scenario.tag);
            scenario.executor(scenario.tag + "-a", 1);
            FuncCall failing = scenario.call("gen", "fail", "{\"retryable\": false}");
            failing.setNext(NextStep.newBuilder()
                    .setCallId(scenario.callId("after"))
                    .setStep("after")
                    .setPrevious("gen")
                    .setFunction("echo")
                    .build());

            scenario.produce(topic, failing);

            assertThat(result(scenario, "gen").getState()).isEqualTo(CallState.FAILED);
            // The next step would run right after, before the call's record settles: a bounded look for it.
            await("no result of the next step")
                    .during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> scenario.results("after").isEmpty());
            assertThat(scenario.results("gen")).hasSize(1);
        }
    }

    /** Two executors, so that "the same executor" means something. */
    private static void startExecutors(Scenario scenario) {
        for (String id : new String[] {"-a", "-b"}) {
            scenario.executor(
                    scenario.tag + id,
                    1,
                    "--s3",
                    scenario.stack.s3Endpoint(),
                    "--s3-bucket",
                    scenario.stack.s3Bucket(),
                    "--s3-access-key",
                    scenario.stack.s3AccessKey(),
                    "--s3-secret-key",
                    scenario.stack.s3SecretKey());
        }
    }

    private static FuncResult result(Scenario scenario, String name) {
        return await("the result of " + name).atMost(BOUND).until(() -> scenario.result(name), r -> r != null);
    }
}
