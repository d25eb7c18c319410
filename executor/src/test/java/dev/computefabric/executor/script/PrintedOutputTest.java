package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.computefabric.executor.function.FunctionFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintedOutputTest {

    @TempDir
    Path dir;

    @Test
    void printedJsonIsTheOutput() throws IOException {
        Object output = PrintedOutput.read(printed("{\"rows\": 3}\n"), "python: the script", "");

        assertThat(output)
                .isInstanceOfSatisfying(
                        JsonNode.class,
                        json -> assertThat(json.path("rows").asInt()).isEqualTo(3));
    }

    @Test
    void printedTextThatIsNotJsonIsKeptAsStdout() throws IOException {
        assertThat(PrintedOutput.read(printed("3 rows\n"), "python: the script", ""))
                .isEqualTo(Map.of("stdout", "3 rows\n"));
    }

    @Test
    void printingNothingIsANullOutput() throws IOException {
        assertThat(PrintedOutput.read(printed(" \n"), "python: the script", ""))
                .isInstanceOfSatisfying(
                        JsonNode.class, json -> assertThat(json.isNull()).isTrue());
    }

    @Test
    void printingMoreThanTheLimitFailsTheCallSayingWhatToDo() throws IOException {
        Path stdout = printed("x".repeat(PrintedOutput.MAX_BYTES + 1));

        assertThatThrownBy(() -> PrintedOutput.read(stdout, "container: the job", ": write large results elsewhere"))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessage("container: the job printed " + (PrintedOutput.MAX_BYTES + 1) + " bytes; at most "
                        + PrintedOutput.MAX_BYTES + " are kept as the output: write large results elsewhere");
    }

    private Path printed(String text) throws IOException {
        return Files.writeString(dir.resolve("stdout"), text);
    }
}
