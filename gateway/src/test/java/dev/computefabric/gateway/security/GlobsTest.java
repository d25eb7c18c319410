package dev.computefabric.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobsTest {

    @Test
    void aNameWithoutWildcardsMatchesOnlyItself() {
        assertThat(Globs.matches("echo", "echo")).isTrue();
        assertThat(Globs.matches("echo", "echo2")).isFalse();
        assertThat(Globs.matches("echo", "ech")).isFalse();
    }

    @Test
    void aStarMatchesAnyRunOfCharactersIncludingNone() {
        assertThat(Globs.matches("report-*", "report-")).isTrue();
        assertThat(Globs.matches("report-*", "report-daily")).isTrue();
        assertThat(Globs.matches("*-daily", "report-daily")).isTrue();
        assertThat(Globs.matches("r*t-*y", "report-daily")).isTrue();
        assertThat(Globs.matches("*", "")).isTrue();
        assertThat(Globs.matches("report-*", "reports")).isFalse();
    }

    @Test
    void aQuestionMarkMatchesExactlyOneCharacter() {
        assertThat(Globs.matches("gpu?", "gpu2")).isTrue();
        assertThat(Globs.matches("gpu?", "gpu")).isFalse();
        assertThat(Globs.matches("gpu?", "gpu12")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(Globs.matches("a.b", "a.b")).isTrue();
        assertThat(Globs.matches("a.b", "axb")).isFalse();
        assertThat(Globs.matches("a[0]", "a[0]")).isTrue();
    }
}
