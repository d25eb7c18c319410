package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.computefabric.executor.ExecutablesOnPath;
import dev.computefabric.executor.function.Args;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.schemas.Sha256;
import dev.computefabric.testing.TestCalls;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script's output file becomes its output table as it is, and only a file of the script's own does. */
class ScriptOutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void aScriptsOutputFileIsItsOutputTableByteForByte() throws Exception {
        ScriptFunction script = bash("seq 1 200000 | sed 's/$/,row/' > \"$rows\"");
        CallContext context = context(script.name(), 4 * 1024 * 1024);

        script.run(context);
        context.finishOutputs();

        byte[] expected = new ProcessBuilder("bash", "-c", "seq 1 200000 | sed 's/$/,row/'")
                .start()
                .getInputStream()
                .readAllBytes();
        ByteBuffer rows = ((ByteBuffer) context.outputs().get("rows").getData()).duplicate();
        byte[] actual = new byte[rows.remaining()];
        rows.get(actual);
        assertThat(actual.length).isEqualTo(expected.length).isGreaterThan(1_000_000);
        assertThat(Sha256.hex(actual)).isEqualTo(Sha256.hex(expected));
    }

    @Test
    void anOutputThatIsASymbolicLinkFailsTheCallInsteadOfHandingOutWhatItPointsAt() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.csv"), "key\nnot-the-script's-to-give\n");
        ScriptFunction script = bash("ln -s '" + secret + "' \"$rows\"");
        CallContext context = context(script.name(), 4 * 1024 * 1024);

        assertThatThrownBy(() -> script.run(context))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageContaining("output table 'rows' is a symbolic link");
        assertThat(context.outputs()).isEmpty();
        assertThat(secret).exists();
    }

    @Test
    void aScalarOutputThatIsASymbolicLinkFailsTheCall() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "not-the-script's-to-give");
        ScriptFunction script = bash("ln -s '" + secret + "' \"$FABRIC_OUTPUTS/word\"; word=x", "#output: string word");
        CallContext context = context(script.name(), 4 * 1024 * 1024);

        assertThatThrownBy(() -> script.run(context))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageContaining("output \"word\" is a symbolic link");
    }

    private static ScriptFunction bash(String body) throws Exception {
        return bash(body, "#output: dataframe rows");
    }

    private static ScriptFunction bash(String body, String output) throws Exception {
        Path bash = ExecutablesOnPath.system().find("bash").orElse(null);
        assumeTrue(bash != null, "skipped: bash is not on the PATH");
        String text =
                String.join("\n", List.of("#!/usr/bin/env bash", "#name: rows", "#language: bash", output, body, ""));
        ScriptHeader header = ScriptHeaders.parse("rows.sh", text).orElseThrow();
        return new ScriptFunction(header, "rows.sh", text, new LocalLauncher(header.language(), bash));
    }

    private static CallContext context(String function, int inlineLimit) {
        return new CallContext(
                TestCalls.call(function).build(),
                Args.parse(function, "{}"),
                FabricTables.inlineOnly(inlineLimit),
                (fraction, message) -> {},
                line -> {});
    }
}
