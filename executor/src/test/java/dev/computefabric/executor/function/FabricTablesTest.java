package dev.computefabric.executor.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.tables.TableIntegrityException;
import dev.computefabric.tables.TableSpool;
import dev.computefabric.testing.TestCalls;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FabricTablesTest {

    private final FabricTables inlineOnly = FabricTables.inlineOnly(4);

    @Test
    void anInlineTableIsReadWithoutStorage() throws Exception {
        try (InputStream in = inlineOnly.open(TestCalls.inline(TableFormat.CSV, "a\n1\n"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\n1\n");
        }
    }

    @Test
    void aChunkOfAnInlineTableIsTheHeaderAndThatPartsRows() throws Exception {
        Table table = TestCalls.inline(TableFormat.CSV, "a\n1\n2\n3\n");
        table.setChunk(TableChunk.newBuilder().setIndex(1).setCount(2).build());

        try (InputStream in = inlineOnly.open(table)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\n2\n3\n");
        }
    }

    @Test
    void aChunkOutsideTheTablesPartsIsABadArgumentSayingWhatIsValid() {
        Table table = TestCalls.inline(TableFormat.CSV, "a\n1\n");
        table.setChunk(TableChunk.newBuilder().setIndex(2).setCount(2).build());

        assertThatThrownBy(() -> inlineOnly.open(table))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessage("table chunk {index: 2, count: 2}: index must be from 0 to count - 1 (0 to 1); a table is"
                        + " split into count >= 1 parts numbered 0 to count - 1, for example \"chunk\": {\"index\": 0,"
                        + " \"count\": 4}");
    }

    @Test
    void aStoredTableOnANodeWithoutStorageIsUnavailableAndSaysHowToConfigureIt() {
        Table stored = Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(TableRef.newBuilder()
                        .setUri("s3://fabric/tables/abc")
                        .setFormat(TableFormat.CSV)
                        .setSizeBytes(3)
                        .setSha256("abc")
                        .build())
                .build();

        assertThatThrownBy(() -> inlineOnly.open(stored)).isInstanceOfSatisfying(CallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.TABLE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("s3://fabric/tables/abc").contains("--s3");
        });
    }

    @Test
    void aSmallOutputTableTravelsInline() {
        Table table = inlineOnly.store(new byte[] {1, 2}, TableFormat.JSONL);

        assertThat(table.getData()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        assertThat(table.getFormat()).isEqualTo(TableFormat.JSONL);
    }

    @Test
    void anOutputTableOverTheInlineLimitNeedsStorage() {
        assertThatThrownBy(() -> inlineOnly.store(new byte[5], TableFormat.CSV))
                .isInstanceOfSatisfying(
                        CallException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "an output table of 5 bytes is over the inline limit of 4 bytes and this executor runs"
                                                + " without table storage; start it with --s3 <endpoint>"));
    }

    @Test
    void aTableKeptOnTheNodeIsReadVerifiedAndItsFileIsDeletedOnceReleased() throws Exception {
        TableSpool spool = inlineOnly.spool();
        spool.output().write("a\n1\n2\n".getBytes(StandardCharsets.UTF_8));
        KeptTable kept = inlineOnly.keep(spool.seal(), TableFormat.CSV);
        TableRef ref = (TableRef) kept.table().getData();
        Path file = Path.of(URI.create(ref.getUri()));

        assertThat(ref.getUri()).startsWith("file:");
        assertThat(ref.getSizeBytes()).isEqualTo(6);
        try (InputStream in = inlineOnly.open(kept.table())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\n1\n2\n");
        }
        assertThat(file).exists();
        kept.close();
        assertThat(file).doesNotExist();
        assertThat(inlineOnly.keptOnDisk()).isZero();
        assertThatThrownBy(() -> inlineOnly.open(kept.table())).isInstanceOf(TableIntegrityException.class);
    }

    @Test
    void aKeptTableWhoseBytesDoNotMatchItsReferenceFailsAtTheEndOfTheStream() throws Exception {
        TableSpool spool = inlineOnly.spool();
        spool.output().write("a\n1\n2\n".getBytes(StandardCharsets.UTF_8));
        try (KeptTable kept = inlineOnly.keep(spool.seal(), TableFormat.CSV)) {
            TableRef ref = (TableRef) kept.table().getData();
            Files.writeString(Path.of(URI.create(ref.getUri())), "a\n9\n2\n");

            assertThatThrownBy(() -> {
                        try (InputStream in = inlineOnly.open(kept.table())) {
                            in.readAllBytes();
                        }
                    })
                    .isInstanceOf(TableIntegrityException.class)
                    .hasMessageContaining("SHA-256");
        }
    }

    @Test
    void aTableThatStayedInMemoryIsKeptInline() {
        TableSpool spool = inlineOnly.spool();
        try {
            spool.output().write(new byte[] {1, 2});
            KeptTable kept = inlineOnly.keep(spool.seal(), TableFormat.CSV);
            assertThat(kept.table().getData()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFileReferenceThisNodeDidNotKeepIsNeverOpened() {
        Table foreign = Table.newBuilder()
                .setFormat(TableFormat.CSV)
                .setData(TableRef.newBuilder()
                        .setUri("file:///etc/passwd")
                        .setFormat(TableFormat.CSV)
                        .setSizeBytes(3)
                        .setSha256("abc")
                        .build())
                .build();

        assertThatThrownBy(() -> inlineOnly.open(foreign))
                .isInstanceOf(TableIntegrityException.class)
                .hasMessageContaining("is not kept on this node");
    }
}
