package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.NodeFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptFolderTest {

    @TempDir
    Path folder;

    @TempDir
    Path bin;

    private final NodeFunctions functions = NodeFunctions.of(FunctionRegistry.builtins());
    private final AtomicInteger changes = new AtomicInteger();
    private ScriptFolder scripts;

    @BeforeEach
    void aNodeWithPythonAndBashButNoR() throws Exception {
        for (String interpreter : List.of("python3", "bash")) {
            Path file = Files.createFile(bin.resolve(interpreter));
            file.toFile().setExecutable(true);
        }
        ScriptRuntimes runtimes = ScriptRuntimes.detect(ExecutablesOnPath.of(bin.toString()), ContainerSupport.off());
        assertThat(runtimes.tags()).containsExactly("bash", "python");
        scripts = new ScriptFolder(folder, runtimes, functions, Duration.ofHours(1));
        functions.onChange(changes::incrementAndGet);
    }

    @Test
    void everyScriptTheNodeCanRunIsServedAndTheOthersSayWhyNot() throws Exception {
        Files.writeString(folder.resolve("a.py"), "#input: int n\nprint(n)\n");
        Files.writeString(folder.resolve("b.R"), "#name: model\nx <- 1\n");
        Files.writeString(folder.resolve("c.py"), "#input: float64 x\n");
        Files.writeString(folder.resolve("README.md"), "# notes\n");

        scripts.start();

        assertThat(functions.names()).contains("a").doesNotContain("model", "c", "README");
        assertThat(functions.unavailableReason("model"))
                .hasValue("script b.R is r, and Rscript is not on this node's PATH");
        assertThat(functions.unavailableReason("c"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("c.py line 1: unknown type 'float64'"));
        scripts.close();
    }

    @Test
    void aScriptAddedChangedOrRemovedIsServedAccordinglyAtTheNextScan() throws Exception {
        scripts.start();
        assertThat(functions.names()).doesNotContain("late");

        Path late = Files.writeString(folder.resolve("late.sh"), "#output: string s\ns=hi\n");
        scripts.scan();
        assertThat(functions.names()).contains("late");
        var first = functions.find("late").orElseThrow();

        scripts.scan();
        assertThat(functions.find("late")).containsSame(first);

        Files.writeString(late, "#name: later\n#output: string s\ns=hi\n");
        Files.setLastModifiedTime(late, FileTime.from(Instant.now().plusSeconds(5)));
        scripts.scan();
        assertThat(functions.names()).contains("later").doesNotContain("late");

        Files.delete(late);
        scripts.scan();
        assertThat(functions.names()).doesNotContain("later");
        assertThat(changes).hasValue(3);
        scripts.close();
    }

    @Test
    void twoScriptsOfTheSameNameServeTheFirstAndSayWhy() throws Exception {
        Files.writeString(folder.resolve("a.py"), "#name: same\n");
        Files.writeString(folder.resolve("b.sh"), "#name: same\n");

        scripts.start();

        assertThat(functions.find("same"))
                .hasValueSatisfying(f ->
                        assertThat(((ScriptFunction) f).header().language()).isEqualTo(ScriptLanguage.PYTHON));
        scripts.close();
    }

    @Test
    void aFolderThatDoesNotExistIsRefused() {
        ScriptFolder missing = new ScriptFolder(folder.resolve("nope"), null, functions, Duration.ofSeconds(1));

        assertThatThrownBy(missing::start).hasMessageContaining("is not a folder");
    }
}
