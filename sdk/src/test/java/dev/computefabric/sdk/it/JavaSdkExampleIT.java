package dev.computefabric.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.sdk.CallRequest;
import dev.computefabric.sdk.CallResult;
import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.FabricException;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The examples of sdk/README.md, verbatim between the markers, against the running fabric. */
class JavaSdkExampleIT {

    private final TestFabric fabric = TestFabric.shared();

    @Test
    void the_http_example_submits_waits_and_reads_the_result() {
        String gatewayUrl = fabric.gatewayUrl();
        // README:http:begin
        FabricClient fabric = FabricClient.connect(URI.create(gatewayUrl));
        CallResult result = fabric.submit(
                CallRequest.of("echo").withArgs("{\"greeting\":\"hello\"}").waitingUpTo(Duration.ofSeconds(30)));
        if (!result.isTerminal()) { // the wait passed first: ask again, any gateway knows the call
            result = fabric.get(result.callId(), Duration.ofSeconds(30));
        }
        System.out.println(result.state() + " " + result.output()); // FINISHED {"greeting":"hello"}
        // README:http:end

        assertThat(result.isFinished()).as(result.toString()).isTrue();
        assertThat(result.output().path("greeting").asText()).isEqualTo("hello");
        assertThat(fabric.outputs(result.callId()).isObject()).isTrue();
    }

    @Test
    void the_http_client_reports_the_gateways_refusal_with_its_status() {
        FabricClient client = FabricClient.connect(URI.create(fabric.gatewayUrl()));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.submit(CallRequest.of("echo").requiring("NOT A TAG")))
                .isInstanceOfSatisfying(
                        FabricException.class, e -> assertThat(e.status()).isBetween(400, 499));
    }

    @Test
    void the_kafka_example_produces_a_call_and_awaits_its_result_on_its_own_reply_topic() {
        String bootstrap = fabric.bootstrap();
        String registryUrl = fabric.registryUrl();
        // README:kafka:begin
        try (KafkaSubmitter submitter = KafkaSubmitter.start(KafkaSubmitterOptions.of(bootstrap, registryUrl))) {
            FuncResult result = submitter.call("echo", "{\"n\":42}", List.of("python"));
            System.out.println(result.getState() + " " + result.getOutput()); // FINISHED {"n":42}
            // README:kafka:end
            assertThat(result.getState()).isEqualTo(CallState.FINISHED);
            assertThat(result.getOutput()).isEqualTo("{\"n\":42}");
        }
    }

    @Test
    void the_kafka_pipeline_example_runs_two_steps_and_awaits_the_pipelines_end() throws Exception {
        String bootstrap = fabric.bootstrap();
        String registryUrl = fabric.registryUrl();
        // README:pipeline:begin
        PipelineStep generate = PipelineStep.newBuilder()
                .setName("generate")
                .setFunction("table.generate")
                .setArgs("{\"rows\": 1000}")
                .build();
        PipelineStep describe = PipelineStep.newBuilder()
                .setName("describe")
                .setFunction("table.describe")
                .setTables(Map.of("data", "${generate.tables.data}"))
                .build();
        Pipeline pipeline = Pipeline.newBuilder()
                .setPipelineId(UUID.randomUUID().toString())
                .setSteps(List.of(generate, describe))
                .setSubmittedAt(Instant.now())
                .build();
        try (KafkaSubmitter submitter = KafkaSubmitter.start(KafkaSubmitterOptions.of(bootstrap, registryUrl))) {
            FuncResult end = submitter.submitPipeline(pipeline).get();
            System.out.println(end.getState() + " " + end.getOutput()); // FINISHED {"generate":{"rows":1000},...
            // README:pipeline:end
            assertThat(end.getState()).as(end.toString()).isEqualTo(CallState.FINISHED);
            assertThat(end.getCallId()).isEqualTo(pipeline.getPipelineId());
            assertThat(end.getOutput()).contains("\"describe\":{\"rows\":1000");
        }
    }
}
