package dev.computefabric.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> NAMES =
            List.of("echo", "sleep", "fail", "table.describe", "table.copy", "table.generate", "summarize", "python");

    @Test
    void aTypoSuggestsTheNameItMisspells() {
        assertThat(Suggestions.closest("ecko", NAMES, 3)).startsWith("echo");
        assertThat(Suggestions.closest("sumarize", NAMES, 3)).containsExactly("summarize");
    }

    @Test
    void aSharedStartSuggestsTheFamilyClosestFirst() {
        assertThat(Suggestions.closest("table.descibe", NAMES, 3))
                .containsExactly("table.describe", "table.copy", "table.generate");
        assertThat(Suggestions.closest("table.summary", NAMES, 3)).hasSize(3).allMatch(n -> n.startsWith("table."));
    }

    @Test
    void casesDoNotMatter() {
        assertThat(Suggestions.closest("ECHO", NAMES, 3)).startsWith("echo");
    }

    @Test
    void nothingCloseSuggestsNothing() {
        assertThat(Suggestions.closest("quux", NAMES, 3)).isEmpty();
    }

    @Test
    void atMostTheAskedNumber() {
        assertThat(Suggestions.closest("table", NAMES, 2)).hasSize(2);
    }

    @Test
    void distanceCountsEdits() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
