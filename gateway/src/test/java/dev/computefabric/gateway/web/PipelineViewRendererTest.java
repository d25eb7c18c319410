package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.StepState;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.schemas.serde.SpecificRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PipelineViewRendererTest {

    static {
        SpecificRecords.trustGeneratedClasses();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant SUBMITTED = Instant.parse("2025-01-01T10:00:00Z");

    private final PipelineViewRenderer renderer = new PipelineViewRenderer();

    private static PipelineStatus.Builder status(CallState state, StepStatus... steps) {
        return PipelineStatus.newBuilder()
                .setPipelineId("p1")
                .setName("report")
                .setState(state)
                .setCaller("alice")
                .setSubmittedAt(SUBMITTED)
                .setUpdatedAt(SUBMITTED.plusSeconds(5))
                .setDeadlineAt(null)
                .setSteps(List.of(steps))
                .setError(null);
    }

    private static StepStatus.Builder step(String name, StepState state) {
        return StepStatus.newBuilder()
                .setName(name)
                .setFunction("table.describe")
                .setState(state);
    }

    private JsonNode json(PipelineStatus status) {
        return JSON.valueToTree(renderer.render(status));
    }

    @Test
    void aFinishedStepShowsItsOutputAsJsonAndItsTablesAsACallShowsThem() {
        Table inline = new Table(TableFormat.CSV, ByteBuffer.wrap("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), null);
        PipelineStatus finished = status(
                        CallState.FINISHED,
                        step("load", StepState.FINISHED)
                                .setCallIds(List.of("p1.load"))
                                .setCallsEnded(1)
                                .setOutput("{\"rows\": 2}")
                                .setTables(Map.of("data", inline))
                                .setExecutorIds(List.of("node-1"))
                                .setStartedAt(SUBMITTED.plusSeconds(1))
                                .setEndedAt(SUBMITTED.plusSeconds(2))
                                .build())
                .build();

        JsonNode view = json(finished);

        assertThat(view.path("pipelineId").asString()).isEqualTo("p1");
        assertThat(view.path("state").asString()).isEqualTo("FINISHED");
        assertThat(view.path("caller").asString()).isEqualTo("alice");
        assertThat(view.path("submittedAt").asString()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(view.path("deadlineAt").isNull()).isTrue();
        JsonNode load = view.path("steps").path(0);
        assertThat(load.path("output").path("rows").asInt()).isEqualTo(2);
        assertThat(load.path("tables").path("data").path("content").asString()).isEqualTo("a,b\n1,2\n");
        assertThat(load.path("tables").path("data").path("format").asString()).isEqualTo("csv");
        assertThat(load.path("callIds").path(0).asString()).isEqualTo("p1.load");
        assertThat(load.path("callsEnded").asInt()).isEqualTo(1);
        assertThat(load.path("executorIds").path(0).asString()).isEqualTo("node-1");
        assertThat(load.path("endedAt").asString()).isEqualTo("2025-01-01T10:00:02Z");
    }

    @Test
    void aFailedPipelineShowsWhyAndAMapStepsOutputIsTheArrayOfItsChunks() {
        PipelineStatus failed = status(
                        CallState.FAILED,
                        step("parts", StepState.FINISHED)
                                .setCallIds(List.of("p1.parts.0", "p1.parts.1"))
                                .setCallsEnded(2)
                                .setOutput("[{\"n\": 1}, {\"n\": 2}]")
                                .build(),
                        step("total", StepState.FAILED)
                                .setError(new ErrorInfo("ValueError", "bad", false))
                                .build())
                .setError(new ErrorInfo("StepFailed", "step 'total' failed", false))
                .build();

        JsonNode view = json(failed);

        assertThat(view.path("error").path("type").asString()).isEqualTo("StepFailed");
        assertThat(view.path("steps").path(0).path("output").path(1).path("n").asInt())
                .isEqualTo(2);
        assertThat(view.path("steps").path(1).path("error").path("message").asString())
                .isEqualTo("bad");
        assertThat(view.path("steps").path(1).path("output").isNull()).isTrue();
    }

    @Test
    void aWaitingStepHasNoCallsYet() {
        JsonNode view =
                json(status(CallState.ACCEPTED, step("load", StepState.WAITING).build())
                        .build());

        assertThat(view.path("state").asString()).isEqualTo("ACCEPTED");
        assertThat(view.path("steps").path(0).path("state").asString()).isEqualTo("WAITING");
        assertThat(view.path("steps").path(0).path("callIds")).isEmpty();
        assertThat(view.path("steps").path(0).path("tables")).isEmpty();
    }
}
