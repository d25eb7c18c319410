package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final String HEX = Sha256.hex(new byte[] {1});

    @Test
    void aHashIsSixtyFourLowerCaseHexDigits() {
        assertThat(Sha256.isHex(HEX)).isTrue();
        assertThat(Sha256.isHex(HEX.toUpperCase())).isFalse();
        assertThat(Sha256.isHex(HEX.substring(1))).isFalse();
        assertThat(Sha256.isHex("../" + HEX.substring(3))).isFalse();
    }

    @Test
    void normalizingAcceptsUpperCaseAndBlanksAndRefusesTheRest() {
        assertThat(Sha256.normalize(" " + HEX.toUpperCase() + "\n")).isEqualTo(HEX);
        assertThat(Sha256.normalize("xyz")).isNull();
        assertThat(Sha256.normalize(null)).isNull();
    }
}
