package dev.computefabric.tables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

    private static final byte[] TABLE = "a,b\n1,2\n3,4\n".getBytes(UTF_8);

    @Test
    void passesTheBytesThroughWhenSizeAndHashMatch() throws IOException {
        try (InputStream in = verifying(TABLE, TABLE.length, Sha256.hex(TABLE))) {
            assertThat(in.readAllBytes()).isEqualTo(TABLE);
        }
    }

    @Test
    void failsAtTheEndWhenTheObjectIsTruncated() {
        byte[] truncated = java.util.Arrays.copyOf(TABLE, TABLE.length - 3);
        assertThatThrownBy(() ->
                        verifying(truncated, TABLE.length, Sha256.hex(TABLE)).readAllBytes())
                .isInstanceOf(TableIntegrityException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void failsWhenTheBytesHaveAnotherHash() {
        byte[] tampered = TABLE.clone();
        tampered[0] = 'x';
        assertThatThrownBy(() ->
                        verifying(tampered, TABLE.length, Sha256.hex(TABLE)).readAllBytes())
                .isInstanceOf(TableIntegrityException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void failsAsSoonAsMoreBytesArriveThanPromised() {
        assertThatThrownBy(() ->
                        verifying(TABLE, TABLE.length - 1, Sha256.hex(TABLE)).readAllBytes())
                .isInstanceOf(TableIntegrityException.class)
                .hasMessageContaining("larger");
    }

    @Test
    void hashesSkippedBytesToo() throws IOException {
        try (InputStream in = verifying(TABLE, TABLE.length, Sha256.hex(TABLE))) {
            assertThat(in.skip(4)).isEqualTo(4);
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("1,2\n3,4\n");
        }
    }

    private static InputStream verifying(byte[] bytes, long size, String sha256) {
        return new VerifyingInputStream(new ByteArrayInputStream(bytes), size, sha256, "table t");
    }
}
