package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running process printed, line by line, and nothing that is not the process's own file. */
class GrowingFileTest {

    @TempDir
    Path dir;

    @Test
    void eachLookReturnsTheLinesCompletedSinceTheLastOne() throws Exception {
        Path log = dir.resolve("output.log");
        GrowingFile printed = new GrowingFile(log);
        Files.writeString(log, "one\ntw");
        assertThat(printed.newLines(false)).containsExactly("one");

        Files.writeString(log, "one\ntwo\nthree");
        assertThat(printed.newLines(false)).containsExactly("two");
        assertThat(printed.newLines(true)).containsExactly("three");
        assertThat(printed.tail(100)).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void aFileReplacedByASymbolicLinkIsNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "the executor's own\n");
        Path log = dir.resolve("output.log");
        GrowingFile printed = new GrowingFile(log);
        Files.writeString(log, "printed\n");
        assertThat(printed.newLines(false)).containsExactly("printed");

        Files.delete(log);
        Files.createSymbolicLink(log, secret);

        assertThat(printed.newLines(true)).isEmpty();
        assertThat(printed.tail(100)).doesNotContain("the executor's own");
    }
}
