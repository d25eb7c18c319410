package dev.computefabric.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RangeInputStreamTest {

    @Test
    void passesExactlyTheBytesAskedFor() throws IOException {
        RangeInputStream in = new RangeInputStream(new ByteArrayInputStream(new byte[10]), 10, "range");

        assertThat(in.readAllBytes()).hasSize(10);
    }

    @Test
    void failsAtTheEndWhenFewerBytesArrived() {
        RangeInputStream in = new RangeInputStream(new ByteArrayInputStream(new byte[7]), 10, "table t bytes 0-9");

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(TableIntegrityException.class)
                .hasMessage("table t bytes 0-9 is truncated: 7 bytes of 10");
    }

    @Test
    void failsWhenMoreBytesArrive() {
        RangeInputStream in = new RangeInputStream(new ByteArrayInputStream(new byte[11]), 10, "range");

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(TableIntegrityException.class)
                .hasMessageContaining("more than 10 bytes");
    }
}
