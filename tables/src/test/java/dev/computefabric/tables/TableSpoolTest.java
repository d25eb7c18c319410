package dev.computefabric.tables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSpoolTest {

    @TempDir
    Path dir;

    @Test
    void aTableWithinTheMemoryLimitNeverTouchesTheDisk() throws IOException {
        byte[] table = "a,b\n1,2\n".getBytes(UTF_8);
        try (TableSpool spool = new TableSpool(table.length, dir)) {
            spool.writeAll(new ByteArrayInputStream(table));
            spool.seal();

            assertThat(spool.inMemory()).isTrue();
            assertThat(spool.bytes()).isEqualTo(table);
            assertThat(spool.size()).isEqualTo(table.length);
            assertThat(spool.sha256()).isEqualTo(Sha256.hex(table));
            assertThat(dir).isEmptyDirectory();
        }
    }

    @Test
    void aLargerTableMovesToAFileWithItsHashAndSizeKnownAtTheEnd() throws IOException {
        byte[] table = "x\n".repeat(10_000).getBytes(UTF_8);
        try (TableSpool spool = new TableSpool(100, dir)) {
            for (int i = 0; i < table.length; i += 7) {
                spool.output().write(table, i, Math.min(7, table.length - i));
            }
            spool.seal();

            assertThat(spool.inMemory()).isFalse();
            assertThat(spool.size()).isEqualTo(table.length);
            assertThat(spool.sha256()).isEqualTo(Sha256.hex(table));
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(table);
            }
            assertThatThrownBy(spool::bytes)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("open()");
        }
    }

    @Test
    void aPartOfTheTableReadsFromItsOffsetForItsLength() throws IOException {
        try (TableSpool spool = new TableSpool(0, dir)) {
            spool.writeAll(new ByteArrayInputStream("0123456789".getBytes(UTF_8)));
            spool.seal();
            try (InputStream part = spool.open(3, 4)) {
                assertThat(new String(part.readAllBytes(), UTF_8)).isEqualTo("3456");
            }
        }
    }

    @Test
    void closingRemovesTheFileSealedOrNot() throws IOException {
        TableSpool spool = new TableSpool(0, dir);
        spool.output().write(new byte[1000]);
        assertThat(Files.list(dir)).hasSize(1);

        spool.close();

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aSealedSpoolTakesNoMoreBytes() throws IOException {
        try (TableSpool spool = new TableSpool(10, dir)) {
            spool.seal();
            assertThatThrownBy(() -> spool.output().write(1))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("sealed");
            assertThat(spool.sha256()).isEqualTo(Sha256.hex(new byte[0]));
        }
    }

    @Test
    void theHashIsKnownOnlyOnceSealed() {
        try (TableSpool spool = new TableSpool(10, dir)) {
            assertThatThrownBy(spool::sha256)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("seal()");
        }
    }

    @Test
    void anAdoptedFileIsMovedIntoTheSpoolAndHashedWhereItLies(@TempDir Path elsewhere) throws IOException {
        byte[] table = "x,y\n".repeat(50_000).getBytes(UTF_8);
        Path output = Files.write(elsewhere.resolve("out.csv"), table);
        try (TableSpool spool = new TableSpool(1000, dir)) {
            spool.adopt(output);

            assertThat(output).doesNotExist();
            assertThat(spool.inMemory()).isFalse();
            assertThat(spool.file().orElseThrow().getParent()).isEqualTo(dir);
            assertThat(spool.size()).isEqualTo(table.length);
            assertThat(spool.sha256()).isEqualTo(Sha256.hex(table));
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(table);
            }
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anAdoptedFileWithinTheMemoryLimitIsReadIntoMemory(@TempDir Path elsewhere) throws IOException {
        byte[] table = "x,y\n1,2\n".getBytes(UTF_8);
        Path output = Files.write(elsewhere.resolve("out.csv"), table);
        try (TableSpool spool = new TableSpool(1000, dir)) {
            spool.adopt(output);

            assertThat(output).doesNotExist();
            assertThat(spool.bytes()).isEqualTo(table);
            assertThat(spool.sha256()).isEqualTo(Sha256.hex(table));
            assertThat(dir).isEmptyDirectory();
        }
    }

    @Test
    void aSymbolicLinkIsNotAdopted(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret"), "not the process's to give\n".repeat(100));
        Path output = Files.createSymbolicLink(elsewhere.resolve("out.csv"), secret);
        try (TableSpool spool = new TableSpool(0, dir)) {
            assertThatThrownBy(() -> spool.adopt(output))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("symbolic link");
            assertThat(spool.size()).isZero();
        }
        assertThat(secret).exists();
        assertThat(dir).isEmptyDirectory();
    }
}
