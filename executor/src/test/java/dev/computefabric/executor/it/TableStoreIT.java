package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.schemas.Sha256;
import dev.computefabric.tables.TableSpool;
import dev.computefabric.tables.TableStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A table larger than a part goes up in parts, several at once, to the stack's S3: stored whole in the right order,
 * or, when a part cannot be read, not at all.
 */
class TableStoreIT {

    static final long PART_BYTES = 5L * 1024 * 1024;
    /** Five parts, the last one short: more parts than go up at once. */
    static final long TABLE_BYTES = 4 * PART_BYTES + 123_457;

    @Test
    void aTableOfSeveralPartsIsStoredWholeAndInOrder() throws Exception {
        try (Scenario scenario = new Scenario(DispatchMode.SHARE);
                TableStore storage = new TableStore(scenario.s3Settings(), PART_BYTES);
                TableSpool spool = numberedLines(scenario.tag)) {
            TableRef ref = storage.put(spool, TableFormat.CSV);

            assertThat(ref.getSizeBytes()).isEqualTo(TABLE_BYTES);
            assertThat(ref.getSha256()).isEqualTo(spool.sha256());
            MessageDigest read = Sha256.digest();
            long bytes = 0;
            try (InputStream in = storage.open(ref)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read.update(buffer, 0, n);
                    bytes += n;
                }
            }
            assertThat(bytes).isEqualTo(TABLE_BYTES);
            assertThat(Sha256.hex(read)).isEqualTo(spool.sha256());
        }
    }

    @Test
    void aTableWhosePartsCannotBeReadIsNotStored() throws Exception {
        try (Scenario scenario = new Scenario(DispatchMode.SHARE);
                TableStore storage = new TableStore(scenario.s3Settings(), PART_BYTES);
                TableSpool spool = numberedLines(scenario.tag)) {
            Files.delete(spool.file().orElseThrow());

            assertThatThrownBy(() -> storage.put(spool, TableFormat.CSV))
                    .isInstanceOf(RuntimeException.class)
                    .hasStackTraceContaining("cannot read the table spool");
            assertThat(storage.exists(spool.sha256())).isFalse();
        }
    }

    /** A table of {@link #TABLE_BYTES} on disk, sealed: numbered lines, unique to this test run. */
    private static TableSpool numberedLines(String tag) throws Exception {
        TableSpool spool = new TableSpool(0);
        OutputStream out = spool.output();
        byte[] line = new byte[100];
        long written = 0;
        for (long row = 0; written < TABLE_BYTES; row++) {
            byte[] text = (tag + "," + row + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Arrays.fill(line, (byte) 'x');
            System.arraycopy(text, 0, line, 0, text.length);
            line[line.length - 1] = '\n';
            int n = (int) Math.min(line.length, TABLE_BYTES - written);
            out.write(line, 0, n);
            written += n;
        }
        return spool.seal();
    }
}
