package dev.computefabric.executor.function.builtin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.CallException;
import dev.computefabric.executor.function.ErrorKind;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.testing.TestCalls;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableCopyAndGenerateTest {

    @Test
    void copyPassesTheOnlyInputTableThroughUnchangedToTheOutputData() throws Exception {
        CallContext context =
                run(new TableCopy(), TestCalls.call(TableCopy.NAME).jsonl("events", "{\"a\": 1}\n{\"a\": 2}\n"), 1024);

        assertThat(text(context.outputs().get("data"))).isEqualTo("{\"a\": 1}\n{\"a\": 2}\n");
        assertThat(context.outputs().get("data").getFormat()).isEqualTo(TableFormat.JSONL);
    }

    @Test
    void copyTakesTheNamedInputAndOutput() throws Exception {
        CallContext context = run(
                new TableCopy(),
                TestCalls.call(TableCopy.NAME)
                        .args("{\"table\": \"b\", \"output\": \"copy\"}")
                        .csv("a", "x\n")
                        .csv("b", "y\n2\n"),
                1024);

        assertThat(context.outputs()).containsOnlyKeys("copy");
        assertThat(text(context.outputs().get("copy"))).isEqualTo("y\n2\n");
    }

    @Test
    void copyAsksWhichTableWhenThereAreSeveral() {
        assertThatThrownBy(() -> run(
                        new TableCopy(),
                        TestCalls.call(TableCopy.NAME).csv("a", "x\n").csv("b", "y\n"),
                        1024))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage(
                        "table.copy: the call has tables a, b; name the one to copy, for example {\"table\": \"a\"}");
    }

    @Test
    void generateWritesTheDocumentedRows() throws Exception {
        CallContext context =
                run(new TableGenerate(), TestCalls.call(TableGenerate.NAME).args("{\"rows\": 3}"), 1024);

        assertThat(text(context.outputs().get("data"))).isEqualTo("id,value,label\n1,7919,r1\n2,5831,r2\n3,3743,r3\n");
    }

    @Test
    void generateWritesJsonLinesOnRequest() throws Exception {
        StringWriter out = new StringWriter();
        TableGenerate.write(out, 2, TableFormat.JSONL);

        assertThat(out)
                .hasToString(
                        "{\"id\":1,\"value\":7919,\"label\":\"r1\"}\n{\"id\":2,\"value\":5831,\"label\":\"r2\"}\n");
    }

    @Test
    void anOutputOverTheInlineLimitNeedsStorageAndLeavesNothingBehind() {
        CallContext context = context(TestCalls.call(TableGenerate.NAME).args("{\"rows\": 1000}"), 64);

        assertThatThrownBy(() -> {
                    new TableGenerate().run(context);
                    context.finishOutputs();
                })
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TABLE_UNAVAILABLE));
        assertThat(context.outputs()).isEmpty();
    }

    @Test
    void anOutputNameCanBeWrittenOnce() {
        CallContext context = context(TestCalls.call("f"), 64);
        context.createOutput("data", TableFormat.CSV);

        assertThatThrownBy(() -> context.output("data", new byte[1], TableFormat.CSV))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already written");
    }

    @Test
    void outputsOfAFailedFunctionAreDiscarded() throws Exception {
        CallContext context = context(TestCalls.call("f"), 1024);
        context.createOutput("data", TableFormat.CSV).write("a\n".getBytes(UTF_8));

        context.discardOutputs();
        context.finishOutputs();

        assertThat(context.outputs()).isEmpty();
    }

    private static CallContext run(FabricFunction function, TestCalls call, int inlineLimit) throws Exception {
        CallContext context = context(call, inlineLimit);
        Object output = function.run(context);
        context.finishOutputs();
        assertThat(output).isInstanceOf(Map.class);
        return context;
    }

    private static CallContext context(TestCalls call, int inlineLimit) {
        FuncCall built = call.build();
        return new CallContext(
                built, Args.parse(built.getFunction(), built.getArgs()), FabricTables.inlineOnly(inlineLimit));
    }

    private static String text(Table table) {
        ByteBuffer bytes = ((ByteBuffer) table.getData()).duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return new String(copy, UTF_8);
    }
}
