package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.testing.TestCalls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --scripts DIR} on the real broker: the example scripts of every installed language take a table and scalars
 * and return a table and a scalar; a script added while the node runs is callable within 5 s, a removed one is no
 * longer offered. Calls are produced straight to Kafka, to a capability topic of the test's own.
 */
class ScriptsIT {

    static final Path EXAMPLES = Path.of("..", "examples", "scripts");
    static final Duration BOUND = Duration.ofSeconds(40);
    static final String SALES = "region,amount\nnorth,10\nsouth,32.5\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Example script file, its function, the interpreter it needs and the language tag. */
    record Example(String file, String function, String interpreter, String tag) {}

    static final List<Example> EXAMPLE_SCRIPTS = List.of(
            new Example("summarize.py", "summarize", "python3", "python"),
            new Example("summarize.R", "summarize-r", "Rscript", "r"),
            new Example("summarize.sh", "summarize-bash", "bash", "bash"),
            new Example("summarize.js", "summarize-node", "node", "node"));

    @TempDir
    Path scripts;

    @Test
    void theExampleScriptOfEveryInstalledLanguageTakesATableAndScalarsAndReturnsATableAndAScalar() throws Exception {
        for (Example example : EXAMPLE_SCRIPTS) {
            Files.copy(EXAMPLES.resolve(example.file()), scripts.resolve(example.file()));
        }
        List<Example> installed = EXAMPLE_SCRIPTS.stream()
                .filter(e -> ExecutablesOnPath.system().test(e.interpreter()))
                .toList();
        EXAMPLE_SCRIPTS.stream()
                .filter(e -> !installed.contains(e))
                .forEach(e -> System.out.println(
                        "ScriptsIT: " + e.file() + " not run: " + e.interpreter() + " is not on the PATH"));
        assertThat(installed)
                .as("python3 and bash at least are on every build machine")
                .hasSizeGreaterThanOrEqualTo(2);

        try (Scenario scenario = new Scenario(DispatchMode.SHARE)) {
            Map<Example, String> topics = new LinkedHashMap<>();
            installed.forEach(e -> topics.put(e, scenario.topic(e.tag(), scenario.tag)));
            String id = scenario.tag + "-scripts";
            scenario.executor(id, 4, "--scripts", scripts.toString());

            FunctionCatalog catalog = await().atMost(BOUND)
                    .until(() -> scenario.observer.catalog(id), Optional::isPresent)
                    .orElseThrow();
            installed.forEach(e -> assertThat(catalog.getCapabilities()).contains(e.tag()));
            for (Example example : installed) {
                FunctionSpec spec = spec(catalog, example.function()).orElseThrow();
                assertThat(spec.getLanguage()).isEqualTo(example.tag());
                assertThat(spec.getCapabilities()).containsExactly(example.tag());
                assertThat(spec.getInputs()).extracting(p -> p.getName()).containsExactly("sales", "column", "scale");
                assertThat(spec.getOutputs()).extracting(p -> p.getName()).containsExactly("summary", "total");
            }

            for (Example example : installed) {
                FuncCall call = scenario.call(example.function(), example.function(), "{\"scale\": 2}");
                call.setTables(Map.of("sales", TestCalls.inline(TableFormat.CSV, SALES)));
                scenario.produce(topics.get(example), call);
            }
            for (Example example : installed) {
                await().atMost(BOUND).until(() -> scenario.result(example.function()) != null);
                FuncResult result = scenario.result(example.function());
                assertThat(result.getState())
                        .as("%s: %s", example.file(), result.getError())
                        .isEqualTo(CallState.FINISHED);
                assertThat(JSON.readTree(result.getOutput()).path("total").asDouble())
                        .isEqualTo(85.0);
                String summary = text(result.getTables().get("summary").getData());
                // Each language writes numbers its own way (65 or 65.0) and may quote strings (R): compare values.
                List<String> lines = summary.replace("\"", "").lines().toList();
                assertThat(lines.get(0)).as(example.file()).isEqualTo("region,amount");
                assertThat(lines.subList(1, lines.size()))
                        .as(example.file())
                        .extracting(line -> line.split(",")[0], line -> Double.parseDouble(line.split(",")[1]))
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("north", 20.0),
                                org.assertj.core.groups.Tuple.tuple("south", 65.0));
            }
        }
    }

    @Test
    void aScriptAddedWhileTheNodeRunsIsCallableWithinFiveSecondsAndARemovedOneIsNoLongerOffered() throws Exception {
        Files.writeString(scripts.resolve("first.py"), "#output: int n\nn = 1\n");
        try (Scenario scenario = new Scenario(DispatchMode.SHARE)) {
            String topic = scenario.topic("python", scenario.tag);
            String id = scenario.tag + "-watch";
            scenario.executor(id, 2, "--scripts", scripts.toString());
            scenario.produce(topic, scenario.call("first", "first", "{}"));
            await().atMost(BOUND).until(() -> scenario.result("first") != null);
            assertThat(scenario.result("first").getOutput()).isEqualTo("{\"n\":1}");

            long written = System.nanoTime();
            Files.writeString(scripts.resolve("added.py"), "#input: int x = 20\n#output: int y\ny = x + 1\n");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> scenario.observer
                            .catalog(id)
                            .flatMap(c -> spec(c, "added"))
                            .isPresent());
            long offered = System.nanoTime();
            scenario.produce(topic, scenario.call("added", "added", "{\"x\": 41}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> scenario.result("added") != null);
            long answered = System.nanoTime();
            assertThat(scenario.result("added").getState()).isEqualTo(CallState.FINISHED);
            assertThat(scenario.result("added").getOutput()).isEqualTo("{\"y\":42}");
            System.out.printf(
                    "ScriptsIT: script added -> in the catalog after %d ms, its first call answered after %d ms%n",
                    (offered - written) / 1_000_000, (answered - written) / 1_000_000);

            Files.delete(scripts.resolve("added.py"));
            await().atMost(BOUND)
                    .until(() -> scenario.observer
                            .catalog(id)
                            .flatMap(c -> spec(c, "added"))
                            .isEmpty());
            scenario.produce(topic, scenario.call("removed", "added", "{\"x\": 1}"));
            await().atMost(BOUND).until(() -> scenario.result("removed") != null);
            assertThat(scenario.result("removed").getState()).isEqualTo(CallState.FAILED);
            assertThat(scenario.result("removed").getError().getType()).isEqualTo("FunctionNotFound");
            assertThat(scenario.observer.catalog(id).flatMap(c -> spec(c, "first")))
                    .isPresent();
        }
    }

    private static Optional<FunctionSpec> spec(FunctionCatalog catalog, String function) {
        return catalog.getFunctions().stream()
                .filter(f -> f.getName().equals(function))
                .findFirst();
    }

    private static String text(Object data) {
        ByteBuffer bytes = ((ByteBuffer) data).duplicate();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new String(array, StandardCharsets.UTF_8);
    }
}
