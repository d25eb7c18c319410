package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvSourceTest {

    @Test
    void aTableIsTheHeaderAndAsManyWholeRowsAsFit() throws Exception {
        byte[] table;
        try (InputStream in = new CsvSource(14 + 64 * 3 + 10)) {
            table = in.readAllBytes();
        }

        String text = new String(table, StandardCharsets.US_ASCII);
        assertThat(table).hasSize(14 + 64 * 3);
        assertThat(CsvSource.sizeFor(14 + 64 * 3 + 10)).isEqualTo(table.length);
        assertThat(text.lines()).hasSize(4).first().isEqualTo("id,name,value");
        assertThat(text.lines().skip(1))
                .allSatisfy(row -> assertThat(row).hasSize(63).matches("\\d{12},[a-z]{40},\\d{9}"));
    }

    @Test
    void theSameSizeGivesTheSameBytesAndHash() throws Exception {
        long size = 3 << 20;
        try (InputStream a = new CsvSource(size);
                InputStream b = new CsvSource(size)) {
            TableTrip.sameBytes(a, b, CsvSource.sizeFor(size));
        }
        assertThat(CsvSource.sha256(size)).hasSize(64).isEqualTo(CsvSource.sha256(size));
    }

    @Test
    void aCopyThatDiffersIsCaught() throws Exception {
        byte[] table = new CsvSource(1000).readAllBytes();
        table[500] ^= 1;

        assertThatThrownBy(
                        () -> TableTrip.sameBytes(new ByteArrayInputStream(table), new CsvSource(1000), table.length))
                .hasMessageContaining("differs");
        assertThatThrownBy(() ->
                        TableTrip.sameBytes(new ByteArrayInputStream(table, 0, 900), new CsvSource(1000), table.length))
                .hasMessageContaining("differs");
    }
}
