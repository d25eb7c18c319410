package dev.computefabric.gateway.web;

import static dev.computefabric.gateway.calls.CallTestData.accepted;
import static dev.computefabric.gateway.calls.CallTestData.failed;
import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.calls.CallSnapshot;
import dev.computefabric.gateway.web.CallView.ErrorView;
import dev.computefabric.gateway.web.CallView.InlineTable;
import dev.computefabric.gateway.web.CallView.StoredTable;
import dev.computefabric.testing.TestCalls;
import dev.computefabric.testing.TestResults;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CallViewRendererTest {

    private final CallViewRenderer renderer = new CallViewRenderer();

    @Test
    void anAcceptedCallHasNoOutcomeYet() {
        CallView view = renderer.render(accepted("c1"));

        assertThat(view.callId()).isEqualTo("c1");
        assertThat(view.function()).isEqualTo("echo");
        assertThat(view.state()).isEqualTo("ACCEPTED");
        assertThat(view.output()).isNull();
        assertThat(view.error()).isNull();
        assertThat(view.finishedAt()).isNull();
        assertThat(view.submittedAt()).isEqualTo(TestCalls.SUBMITTED.toString());
        assertThat(view.tables()).isEmpty();
    }

    @Test
    void theOutputIsJsonNotAStringHoldingJson() {
        CallSnapshot done = accepted("c1").with(finished("c1", "{\"sum\": 3, \"items\": [1, 2]}"));

        CallView view = renderer.render(done);

        assertThat(view.state()).isEqualTo("FINISHED");
        assertThat(view.output().get("sum").intValue()).isEqualTo(3);
        assertThat(view.output().get("items").size()).isEqualTo(2);
        assertThat(view.executorId()).isEqualTo("executor-1");
        assertThat(view.finishedAt()).isEqualTo(TestResults.FINISHED_AT.toString());
    }

    @Test
    void outputThatIsNotJsonIsShownAsText() {
        CallView view = renderer.render(accepted("c1").with(finished("c1", "not json")));

        assertThat(view.output().isString()).isTrue();
        assertThat(view.output().stringValue()).isEqualTo("not json");
    }

    @Test
    void aFailedCallShowsItsError() {
        CallView view = renderer.render(accepted("c1").with(failed("c1", "FunctionNotFound", "no function 'x'")));

        assertThat(view.state()).isEqualTo("FAILED");
        assertThat(view.error()).isEqualTo(new ErrorView("FunctionNotFound", "no function 'x'"));
    }

    @Test
    void smallTablesAreTextAndLargeOnesAreLinksToTheirDownload() {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(
                "small",
                Table.newBuilder()
                        .setFormat(TableFormat.CSV)
                        .setData(ByteBuffer.wrap("a\n1\n".getBytes(StandardCharsets.UTF_8)))
                        .build());
        TableRef ref = TableRef.newBuilder()
                .setUri("s3://fabric/tables/abc")
                .setFormat(TableFormat.JSONL)
                .setSizeBytes(1_000_000)
                .setSha256("abc")
                .build();
        tables.put(
                "large",
                Table.newBuilder().setFormat(TableFormat.JSONL).setData(ref).build());

        CallView view = renderer.render(accepted("c1").with(finished("c1", "{}", tables)));

        assertThat(view.tables())
                .containsExactly(
                        Map.entry("small", new InlineTable("csv", 4, "a\n1\n")),
                        Map.entry(
                                "large",
                                new StoredTable(
                                        "jsonl",
                                        1_000_000,
                                        "abc",
                                        "/v1/calls/c1/outputs/large",
                                        "s3://fabric/tables/abc")));
    }

    @Test
    void theJsonShapeStartsWithTheCallIdAndKeepsNulls() {
        String json = JsonMapper.builder().build().writeValueAsString(renderer.render(accepted("c1")));

        assertThat(json)
                .startsWith(
                        "{\"callId\":\"c1\",\"function\":\"echo\",\"state\":\"ACCEPTED\",\"output\":null,\"error\":null");
    }
}
