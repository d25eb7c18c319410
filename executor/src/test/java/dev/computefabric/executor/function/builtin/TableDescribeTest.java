package dev.computefabric.executor.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.table.MalformedTableException;
import dev.computefabric.testing.TestCalls;
import org.junit.jupiter.api.Test;

class TableDescribeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void describesACsvTableWithQuotedFieldsEmptyCellsAndATextColumn() throws Exception {
        String csv = """
                id,price,name,note
                1,10.5,"Smith, John",
                2,,"Say \"\"hi\"\"",x
                3,4.5,"two
                lines",
                """;

        JsonNode description = describe(TestCalls.call(TableDescribe.NAME).csv("t", csv));

        assertThat(description.toString()).isEqualTo(json("""
                {"rows": 3, "columns": {
                  "id":    {"count": 3, "min": 1.0,  "max": 3.0,  "mean": 2.0},
                  "price": {"count": 2, "min": 4.5,  "max": 10.5, "mean": 7.5},
                  "name":  {"count": 3, "min": null, "max": null, "mean": null},
                  "note":  {"count": 1, "min": null, "max": null, "mean": null}}}
                """));
    }

    @Test
    void treatsAColumnWithOneNonNumericValueAsText() throws Exception {
        String csv = "n\n1\n2\nn/a\n";

        JsonNode description = describe(TestCalls.call(TableDescribe.NAME).csv("t", csv));

        assertThat(description.toString()).isEqualTo(json("""
                {"rows": 3, "columns": {"n": {"count": 3, "min": null, "max": null, "mean": null}}}
                """));
    }

    @Test
    void readsCrlfLineEndsNegativeAndExponentNumbersAndSkipsBlankLines() throws Exception {
        String csv = "a,b\r\n-2,1e3\r\n\r\n4, 2.5e2 \r\n";

        JsonNode description = describe(TestCalls.call(TableDescribe.NAME).csv("t", csv));

        assertThat(description.toString()).isEqualTo(json("""
                {"rows": 2, "columns": {
                  "a": {"count": 2, "min": -2.0,  "max": 4.0,    "mean": 1.0},
                  "b": {"count": 2, "min": 250.0, "max": 1000.0, "mean": 625.0}}}
                """));
    }

    @Test
    void describesAJsonLinesTableWithColumnsInOrderOfFirstAppearance() throws Exception {
        String jsonl = """
                {"id": 1, "score": 0.5, "tag": "a"}
                {"id": 2, "score": null, "tag": "", "extra": true}

                {"id": 3, "score": 1.5, "tag": "c"}
                """;

        JsonNode description = describe(TestCalls.call(TableDescribe.NAME).jsonl("t", jsonl));

        assertThat(description.toString()).isEqualTo(json("""
                {"rows": 3, "columns": {
                  "id":    {"count": 3, "min": 1.0,  "max": 3.0,  "mean": 2.0},
                  "score": {"count": 2, "min": 0.5,  "max": 1.5,  "mean": 1.0},
                  "tag":   {"count": 2, "min": null, "max": null, "mean": null},
                  "extra": {"count": 1, "min": null, "max": null, "mean": null}}}
                """));
    }

    @Test
    void countsNumbersWrittenAsJsonStringsAsText() throws Exception {
        JsonNode description = describe(TestCalls.call(TableDescribe.NAME).jsonl("t", "{\"n\": \"12\"}\n{\"n\": 3}\n"));

        assertThat(description.at("/columns/n/count").asLong()).isEqualTo(2);
        assertThat(description.at("/columns/n/mean").isNull()).isTrue();
    }

    @Test
    void describesTheTableNamedInTheArgumentsWhenThereAreSeveral() throws Exception {
        JsonNode description = describe(TestCalls.call(TableDescribe.NAME)
                .args("{\"table\": \"b\"}")
                .csv("a", "x\n1\n")
                .csv("b", "y\n1\n2\n"));

        assertThat(description.get("rows").asLong()).isEqualTo(2);
        assertThat(description.get("columns").fieldNames()).toIterable().containsExactly("y");
    }

    @Test
    void asksWhichTableWhenThereAreSeveralAndNoneIsNamed() {
        TestCalls call = TestCalls.call(TableDescribe.NAME).csv("a", "x\n").csv("b", "y\n");

        assertThatThrownBy(() -> describe(call))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage(
                        "table.describe: the call has tables a, b; name the one to describe, for example {\"table\": \"a\"}");
    }

    @Test
    void saysThatATableIsNeededWhenTheCallHasNone() {
        assertThatThrownBy(() -> describe(TestCalls.call(TableDescribe.NAME)))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageContaining("has no input table");
    }

    @Test
    void namesTheAvailableTablesWhenTheNamedOneIsMissing() {
        TestCalls call =
                TestCalls.call(TableDescribe.NAME).args("{\"table\": \"nope\"}").csv("a", "x\n");

        assertThatThrownBy(() -> describe(call))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("table.describe: no input table named 'nope'; the call has tables a");
    }

    @Test
    void rejectsARowWithMoreFieldsThanTheHeader() {
        TestCalls call = TestCalls.call(TableDescribe.NAME).csv("t", "a,b\n1,2\n1,2,3\n");

        assertThatThrownBy(() -> describe(call))
                .isInstanceOf(MalformedTableException.class)
                .hasMessage("table 't' line 3: 3 fields, but the header names 2 columns");
    }

    @Test
    void rejectsAJsonLinesRowThatIsNotAnObject() {
        TestCalls call = TestCalls.call(TableDescribe.NAME).jsonl("t", "{\"a\": 1}\n[1, 2]\n");

        assertThatThrownBy(() -> describe(call))
                .isInstanceOf(MalformedTableException.class)
                .hasMessageContaining("line 2: expected a JSON object, got array");
    }

    @Test
    void describesAnEmptyTableAsZeroRowsAndNoColumns() throws Exception {
        assertThat(describe(TestCalls.call(TableDescribe.NAME).csv("t", "")).toString())
                .isEqualTo(json("{\"rows\": 0, \"columns\": {}}"));
    }

    private static JsonNode describe(TestCalls call) throws Exception {
        FuncCall built = call.build();
        CallContext context =
                new CallContext(built, Args.parse(built.getFunction(), built.getArgs()), FabricTables.inlineOnly(1024));
        return (JsonNode) new TableDescribe().run(context);
    }

    private static String json(String text) throws Exception {
        return JSON.readTree(text).toString();
    }
}
