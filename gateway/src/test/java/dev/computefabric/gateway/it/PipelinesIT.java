package dev.computefabric.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/pipelines} on the real broker, registry and S3, with two gateways and no router: the test reads what a
 * gateway writes to {@code fabric.pipelines} and {@code fabric.pipelines.control}, and writes the statuses the router
 * would to {@code fabric.pipelines.status}. Each test submits pipelines of its own (new ids).
 */
class PipelinesIT {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final String PATH = "/v1/pipelines";

    static final String REPORT = """
            {"name": "report", "priority": "normal", "timeoutMs": 600000,
             "tables": {"sales": {"format": "csv", "content": "region,amount\\nnorth,10\\n"}},
             "steps": [
               {"name": "load", "function": "table.generate", "args": {"rows": 1000}},
               {"name": "describe", "function": "table.describe", "tables": {"data": "${load.tables.data}"}},
               {"name": "parts", "function": "table.describe", "tables": {"data": "${load.tables.data}"},
                "map": {"table": "data", "chunks": 8}},
               {"name": "total", "function": "table.describe.merge", "args": {"parts": "${parts.output}"},
                "requirements": [], "after": []}],
             "onFailure": {"name": "alert", "function": "echo", "args": {"failed": "${failure}"}}}
            """;

    /** Kept when a test fails: the children's logs are in {@code logs/}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static Http gatewayA;
    static Http gatewayB;
    static PipelineTopics topics;

    @BeforeAll
    static void startFabric() {
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        RegistryWarmup.firstWriteDone(stack.registryUrl());
        CompletableFuture<ChildJvm> a = CompletableFuture.supplyAsync(() -> startGateway("gw-pa"));
        CompletableFuture<ChildJvm> b = CompletableFuture.supplyAsync(() -> startGateway("gw-pb"));
        gatewayA = new Http(a.join().address());
        gatewayB = new Http(b.join().address());
        topics = new PipelineTopics(stack.bootstrap(), stack.registryUrl());
    }

    @AfterAll
    static void stopFabric() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAcceptedPipelineIsOnItsTopicAndEveryGatewayFollowsItsStatusToTheEnd() {
        Http.Answer accepted = gatewayA.postPath(PATH, REPORT);

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("pipelineId").asString();
        assertThat(accepted.location()).isEqualTo(PATH + "/" + id);
        assertThat(accepted.state()).isEqualTo("ACCEPTED");
        Pipeline pipeline =
                topics.first(Topics.PIPELINES, id, Pipeline.class, BOUND).value();
        assertThat(pipeline.getSteps())
                .extracting(step -> step.getName())
                .containsExactly("load", "describe", "parts", "total");
        assertThat(pipeline.getOnFailure().getName()).isEqualTo("alert");
        assertThat(pipeline.getTables().get("sales").getData())
                .isEqualTo(java.nio.ByteBuffer.wrap("region,amount\nnorth,10\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(pipeline.getCaller()).isNull();
        assertThat(pipeline.getReplyTo()).isEqualTo("fabric.replies.gw-pa");

        Http.Answer before = gatewayA.getPath(PATH + "/" + id);
        assertThat(before.state()).isEqualTo("ACCEPTED");
        assertThat(before.body().path("steps"))
                .hasSize(4)
                .allSatisfy(step -> assertThat(step.path("state").asString()).isEqualTo("WAITING"));

        topics.produce(
                Topics.PIPELINES_STATUS,
                id,
                status(pipeline, CallState.RUNNING, StepState.RUNNING),
                PipelineStatus.class);
        await().atMost(BOUND)
                .until(() -> gatewayB.getPath(PATH + "/" + id).state().equals("RUNNING"));
        await().atMost(BOUND)
                .until(() -> gatewayA.getPath(PATH + "/" + id).state().equals("RUNNING"));
        CompletableFuture<Http.Answer> waiting =
                CompletableFuture.supplyAsync(() -> gatewayB.getPath(PATH + "/" + id + "?wait=30s"));

        topics.produce(
                Topics.PIPELINES_STATUS,
                id,
                status(pipeline, CallState.FINISHED, StepState.FINISHED),
                PipelineStatus.class);

        Http.Answer ended = waiting.join();
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.state()).isEqualTo("FINISHED");
        JsonNode load = ended.body().path("steps").path(0);
        assertThat(load.path("output").path("step").asString()).isEqualTo("load");
        assertThat(load.path("callIds").path(0).asString()).isEqualTo(id + ".load");
        await().atMost(BOUND)
                .until(() -> gatewayA.getPath(PATH + "/" + id).state().equals("FINISHED"));
        Http.Answer tooLate = gatewayA.deletePath(PATH + "/" + id);
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.body().path("error").asString()).isEqualTo("pipeline_already_ended");
    }

    @Test
    void aCancelGoesToThePipelinesControlTopicKeyedByItsId() {
        String id = gatewayA.postPath(PATH, REPORT).body().path("pipelineId").asString();

        Http.Answer cancelling = gatewayA.deletePath(PATH + "/" + id);

        assertThat(cancelling.status()).isEqualTo(202);
        assertThat(cancelling.state()).isEqualTo("ACCEPTED");
        ConsumerRecord<String, ControlCommand> command =
                topics.first(Topics.PIPELINES_CONTROL, id, ControlCommand.class, BOUND);
        assertThat(command.value().getCallId()).isEqualTo(id);
        assertThat(command.value().getType()).isEqualTo(ControlType.CANCEL);
    }

    @Test
    void anUnknownPipelineIs404Everywhere() {
        assertThat(gatewayB.getPath(PATH + "/no-such-pipeline").status()).isEqualTo(404);
        assertThat(gatewayB.deletePath(PATH + "/no-such-pipeline").status()).isEqualTo(404);
    }

    @Test
    void aPipelineThatCannotRunIs400WithEveryProblem() {
        Http.Answer cycle = gatewayA.postPath(
                PATH,
                "{\"steps\": ["
                        + "{\"name\": \"a\", \"function\": \"echo\", \"args\": {\"x\": \"${b.output}\"}},"
                        + "{\"name\": \"b\", \"function\": \"echo\", \"args\": {\"x\": \"${a.output}\"}}]}");
        Http.Answer unknown = gatewayA.postPath(
                PATH,
                "{\"steps\": ["
                        + "{\"name\": \"a\", \"function\": \"echo\", \"args\": {\"x\": \"${nope.output}\"}},"
                        + "{\"name\": \"b\", \"function\": \"echo\", \"tables\": {\"t\": \"${tables.missing}\"}}]}");
        Http.Answer field =
                gatewayA.postPath(PATH, "{\"steps\": [{\"name\": \"a\", \"function\": \"echo\"}]," + " \"retry\": 1}");

        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.body().path("error").asString()).isEqualTo("invalid_pipeline");
        assertThat(cycle.body().path("problems").path(0).asString()).contains("in a circle");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("problems")).hasSize(2);
        assertThat(unknown.body().path("message").asString()).contains("'nope'").contains("${tables.missing}");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body().path("message").asString()).contains("unknown field \"retry\"");
    }

    /** The router's status of {@code pipeline}: every step in {@code stepState}, with an output once FINISHED. */
    private static PipelineStatus status(Pipeline pipeline, CallState state, StepState stepState) {
        Instant now = Instant.now();
        List<StepStatus> steps = new ArrayList<>();
        pipeline.getSteps()
                .forEach(step -> steps.add(StepStatus.newBuilder()
                        .setName(step.getName())
                        .setFunction(step.getFunction())
                        .setState(stepState)
                        .setCallIds(List.of(pipeline.getPipelineId() + "." + step.getName()))
                        .setCallsEnded(stepState == StepState.FINISHED ? 1 : 0)
                        .setOutput(stepState == StepState.FINISHED ? "{\"step\": \"" + step.getName() + "\"}" : null)
                        .setStartedAt(now)
                        .setEndedAt(stepState == StepState.FINISHED ? now : null)
                        .build()));
        return PipelineStatus.newBuilder()
                .setPipelineId(pipeline.getPipelineId())
                .setName(pipeline.getName())
                .setState(state)
                .setCaller(pipeline.getCaller())
                .setSubmittedAt(pipeline.getSubmittedAt())
                .setUpdatedAt(now)
                .setDeadlineAt(null)
                .setSteps(steps)
                .setError(null)
                .build();
    }

    /** No executor publishes a catalog here: the steps' functions are taken unchecked, as on such a fabric. */
    private static ChildJvm startGateway(String id) {
        return new FabricComponents(stack).startGateway(id, "--fabric.catalog.enforce=false");
    }
}
