package dev.computefabric.gateway.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class OutputsControllerTest {

    @Test
    void aVerifiedTableIsCopiedWhole() throws IOException {
        byte[] table = "a\n".repeat(100_000).getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        OutputsController.copyVerified(new ByteArrayInputStream(table), out);

        assertThat(out.toByteArray()).isEqualTo(table);
    }

    @Test
    void aTableThatFailsItsCheckAtTheEndNeverSendsItsLastBytes() {
        byte[] table = "a\n".repeat(100_000).getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream failsAtEnd = new ByteArrayInputStream(table) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IllegalStateException("hash mismatch");
                }
                return n;
            }
        };

        assertThatThrownBy(() -> OutputsController.copyVerified(failsAtEnd, out))
                .hasMessage("hash mismatch");
        assertThat(out.size()).isLessThan(table.length);
    }

    @Test
    void theLinkEncodesTheTableName() {
        assertThat(OutputsController.href("c1", "a b/c")).isEqualTo("/v1/calls/c1/outputs/a%20b%2Fc");
    }
}
