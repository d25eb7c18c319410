package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleHeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void readsNeedNoHeader(String method) {
        assertThat(ConsoleHeader.permits(method, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"})
    void changesNeedTheHeader(String method) {
        assertThat(ConsoleHeader.permits(method, null)).isFalse();
        assertThat(ConsoleHeader.permits(method, " ")).isFalse();
        assertThat(ConsoleHeader.permits(method, "1")).isTrue();
    }
}
