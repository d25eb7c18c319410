package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.table.CsvReader;
import dev.computefabric.testing.TestCalls;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example scripts ({@code examples/scripts}) run by their real interpreters: a table and scalars in, a table and a
 * scalar out, in every language installed here. A language whose interpreter is missing is skipped, saying so.
 */
class ScriptLanguagesTest {

    static final Path EXAMPLES = Path.of("..", "examples", "scripts");
    static final String SALES = "region,amount\nnorth,10\nsouth,32.5\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"summarize.py, python3", "summarize.R, Rscript", "summarize.sh, bash", "summarize.js, node"})
    void anExampleScriptTakesATableAndScalarsAndReturnsATableAndAScalar(String file, String interpreter)
            throws Exception {
        ScriptFunction script = script(file, interpreter);
        CallContext context = context(script.name(), "{\"scale\": 2}", SALES);

        JsonNode output = JSON.valueToTree(script.run(context));
        context.finishOutputs();

        assertThat(output.path("total").asDouble()).isEqualTo(85.0);
        List<List<String>> summary = rows(context.outputs().get("summary"));
        assertThat(summary.get(0)).containsExactly("region", "amount");
        assertThat(summary.subList(1, summary.size()))
                .extracting(row -> row.get(0), row -> Double.parseDouble(row.get(1)))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("north", 20.0),
                        org.assertj.core.groups.Tuple.tuple("south", 65.0));
        assertThat(logged).as("what the script printed reaches the caller").anyMatch(line -> line.contains("summing"));
        if (file.endsWith(".py")) {
            assertThat(progress).as("$FABRIC_PROGRESS").contains("1.0 done");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"summarize.py, python3", "summarize.R, Rscript", "summarize.sh, bash", "summarize.js, node"})
    void aScriptThatFailsFailsTheCallWithWhatItPrinted(String file, String interpreter) throws Exception {
        ScriptFunction script = script(file, interpreter);
        CallContext context = context(script.name(), "{\"column\": \"nope\"}", SALES);

        assertThatThrownBy(() -> script.run(context))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageStartingWith(script.name() + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"summarize.py, python3"})
    void argumentsAreCheckedAgainstTheHeaderBeforeTheScriptRuns(String file, String interpreter) throws Exception {
        ScriptFunction script = script(file, interpreter);

        assertThatThrownBy(() -> script.run(context(script.name(), "{\"scale\": \"big\"}", SALES)))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("summarize: \"scale\" (double) must be a number, got string \"big\"");
        assertThatThrownBy(() -> script.run(context(script.name(), "{\"colour\": 1}", SALES)))
                .hasMessageStartingWith(
                        "summarize: unknown argument \"colour\"; it takes {\"column\": string = \"amount\"");
        assertThatThrownBy(() -> script.run(context(script.name(), "{}", null)))
                .hasMessage("summarize: needs the table \"sales\" (dataframe); the call has no tables");
    }

    static ScriptFunction script(String file, String interpreter) throws Exception {
        Path path = ExecutablesOnPath.system().find(interpreter).orElse(null);
        assumeTrue(path != null, "skipped: " + interpreter + " is not on the PATH (install it to run " + file + ")");
        String text = Files.readString(EXAMPLES.resolve(file));
        ScriptHeader header = ScriptHeaders.parse(file, text).orElseThrow();
        return new ScriptFunction(header, file, text, new LocalLauncher(header.language(), path));
    }

    private CallContext context(String function, String args, String salesCsv) {
        TestCalls call = TestCalls.call(function).args(args);
        if (salesCsv != null) {
            call.csv("sales", salesCsv);
        }
        FuncCall built = call.build();
        return new CallContext(
                built,
                Args.parse(function, args),
                FabricTables.inlineOnly(1024 * 1024),
                (fraction, message) -> progress.add(fraction + " " + message),
                logged::add);
    }

    private static List<List<String>> rows(Table table) throws Exception {
        ByteBuffer data = ((ByteBuffer) table.getData()).duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        CsvReader reader = new CsvReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
