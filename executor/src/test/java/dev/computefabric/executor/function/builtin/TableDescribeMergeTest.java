package dev.computefabric.executor.function.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.testing.TestCalls;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDescribeMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMergedDescriptionsOfAGeneratedTablesChunksAreTheDescriptionOfTheWholeTable() throws Exception {
        for (TableFormat format : TableFormat.values()) {
            String table = generated(5_000, format);
            JsonNode whole = describe(TestCalls.call(TableDescribe.NAME).table("t", format, table), null);
            for (int count : new int[] {1, 2, 3, 8, 13, 64}) {
                List<JsonNode> parts = new ArrayList<>();
                for (int index = 0; index < count; index++) {
                    parts.add(describe(
                            TestCalls.call(TableDescribe.NAME).table("t", format, table), chunk(index, count)));
                }

                assertSameDescription(merge(parts), whole, format + " in " + count + " parts");
            }
        }
    }

    @Test
    void aTableWithFewerRowsThanPartsMergesFromEmptyParts() throws Exception {
        String table = generated(3, TableFormat.CSV);
        JsonNode whole = describe(TestCalls.call(TableDescribe.NAME).csv("t", table), null);
        List<JsonNode> parts = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            parts.add(describe(TestCalls.call(TableDescribe.NAME).csv("t", table), chunk(index, 20)));
        }

        assertThat(parts.stream().filter(p -> p.get("rows").asLong() == 0)).hasSizeGreaterThan(10);
        assertSameDescription(merge(parts), whole, "3 rows in 20 parts");
    }

    @Test
    void aColumnThatIsTextInOnePartIsTextAndColumnsKeepTheOrderOfFirstAppearance() throws Exception {
        JsonNode merged = merge(List.of(
                json("{\"rows\": 2, \"columns\": {\"a\": {\"count\": 2, \"min\": 1.0, \"max\": 2.0, \"mean\": 1.5}}}"),
                json("{\"rows\": 1, \"columns\": {\"b\": {\"count\": 1, \"min\": null, \"max\": null, \"mean\": null},"
                        + " \"a\": {\"count\": 0, \"min\": null, \"max\": null, \"mean\": null}}}"),
                json("{\"rows\": 2, \"columns\": {\"a\": {\"count\": 2, \"min\": -1.0, \"max\": 0.0, \"mean\": -0.5},"
                        + " \"b\": {\"count\": 1, \"min\": 5.0, \"max\": 5.0, \"mean\": 5.0}}}")));

        assertThat(merged.toString()).isEqualTo(json("""
                {"rows": 5, "columns": {
                  "a": {"count": 4, "min": -1.0, "max": 2.0, "mean": 0.5},
                  "b": {"count": 2, "min": null, "max": null, "mean": null}}}
                """).toString());
    }

    @Test
    void noPartsAreATableWithoutRowsOrColumns() throws Exception {
        assertThat(merge(List.of()).toString()).isEqualTo("{\"rows\":0,\"columns\":{}}");
    }

    @Test
    void namesThePartThatIsNotADescription() {
        List<JsonNode> parts = List.of(
                json("{\"rows\": 1, \"columns\": {}}"),
                json("{\"rows\": 1, \"columns\": {\"x\": {\"count\": \"one\"}}}"));

        assertThatThrownBy(() -> merge(parts))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("table.describe.merge: parts[1] is not a table.describe output: column 'x':"
                        + " \"count\" must be a whole number >= 0, got \"one\"; pass the outputs as table.describe"
                        + " answered them, for example {\"parts\": [");
    }

    @Test
    void asksForThePartsWhenTheyAreMissing() {
        assertThatThrownBy(() -> run(TestCalls.call(TableDescribeMerge.NAME).args("{}")))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("table.describe.merge: \"parts\" is required; for example {\"parts\": [");
    }

    private static void assertSameDescription(JsonNode merged, JsonNode whole, String what) {
        assertThat(merged.get("rows")).as(what).isEqualTo(whole.get("rows"));
        assertThat(merged.get("columns").fieldNames())
                .toIterable()
                .as(what)
                .containsExactlyElementsOf(() -> whole.get("columns").fieldNames());
        whole.get("columns").fields().forEachRemaining(column -> {
            JsonNode expected = column.getValue();
            JsonNode actual = merged.get("columns").get(column.getKey());
            String where = what + ", column " + column.getKey();
            assertThat(actual.get("count")).as(where).isEqualTo(expected.get("count"));
            assertThat(actual.get("min")).as(where).isEqualTo(expected.get("min"));
            assertThat(actual.get("max")).as(where).isEqualTo(expected.get("max"));
            if (expected.get("mean").isNull()) {
                assertThat(actual.get("mean").isNull()).as(where).isTrue();
            } else {
                assertThat(actual.get("mean").asDouble())
                        .as(where)
                        .isCloseTo(expected.get("mean").asDouble(), withinPercentage(1e-7));
            }
        });
    }

    private static JsonNode describe(TestCalls call, TableChunk chunk) throws Exception {
        FuncCall built = call.build();
        built.getTables().get("t").setChunk(chunk);
        CallContext context =
                new CallContext(built, Args.parse(built.getFunction(), built.getArgs()), FabricTables.inlineOnly(1024));
        return (JsonNode) new TableDescribe().run(context);
    }

    private static JsonNode merge(List<JsonNode> parts) throws Exception {
        ObjectNode args = JSON.createObjectNode();
        ArrayNode array = args.putArray("parts");
        parts.forEach(array::add);
        return run(TestCalls.call(TableDescribeMerge.NAME).args(args.toString()));
    }

    private static JsonNode run(TestCalls call) throws Exception {
        FuncCall built = call.build();
        CallContext context =
                new CallContext(built, Args.parse(built.getFunction(), built.getArgs()), FabricTables.inlineOnly(1024));
        return (JsonNode) new TableDescribeMerge().run(context);
    }

    private static String generated(long rows, TableFormat format) throws Exception {
        StringWriter out = new StringWriter();
        TableGenerate.write(out, rows, format);
        return out.toString();
    }

    private static TableChunk chunk(int index, int count) {
        return TableChunk.newBuilder().setIndex(index).setCount(count).build();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
