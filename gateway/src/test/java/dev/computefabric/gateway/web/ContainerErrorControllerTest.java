package dev.computefabric.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerErrorControllerTest {

    @Test
    void aPathIsDecodableWhenEveryEscapeIsTwoHexDigitsSpellingUtf8() {
        assertThat(ContainerErrorController.decodable("/v1/calls/abc")).isTrue();
        assertThat(ContainerErrorController.decodable("/v1/calls/a%20b%C3%A9")).isTrue();
        assertThat(ContainerErrorController.decodable(null)).isTrue();
    }

    @Test
    void escapesThatAreNotHexOrNotUtf8AreNot() {
        assertThat(ContainerErrorController.decodable("/v1/calls/;--%%$=f")).isFalse();
        assertThat(ContainerErrorController.decodable("/v1/calls/%ff")).isFalse();
        assertThat(ContainerErrorController.decodable("/v1/calls/a%")).isFalse();
        assertThat(ContainerErrorController.decodable("/v1/calls/a%2")).isFalse();
    }
}
