package dev.computefabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagAllocatorTest {

    @Test
    void aTagIsNumberedAndNamedAfterTheTest() {
        TagAllocator tags = new TagAllocator();

        assertThat(tags.allocate("discountOfTenPercent")).isEqualTo("t1-discount-of-ten-percent");
        assertThat(tags.allocate("HTTP_call 2 (Kafka)")).isEqualTo("t2-http-call-2-kafka");
    }

    @Test
    void theSameTestNameTwiceGetsTwoTags() {
        TagAllocator tags = new TagAllocator();

        assertThat(tags.allocate("sameName")).isNotEqualTo(tags.allocate("sameName"));
    }

    @Test
    void everyTagIsAValidCapabilityTagAndShortWhateverTheName() {
        TagAllocator tags = new TagAllocator();
        Set<String> seen = new HashSet<>();
        for (String name : List.of(
                "",
                "---",
                "Ünïcödé_テスト",
                "a".repeat(300),
                "aVeryLongTestNameThatGoesOnAndOnAboutWhatItChecksInGreatDetail",
                "[1] input=\"x\", expected=2")) {
            String tag = tags.allocate(name);

            assertThat(tag).matches(Capset.TAG_PATTERN).hasSizeLessThanOrEqualTo(TagAllocator.MAX_LENGTH);
            assertThat(tag).doesNotEndWith("-");
            assertThat(Topics.calls(Capset.of(tag))).hasSizeLessThanOrEqualTo(249);
            assertThat(seen.add(tag)).as("unique: %s", tag).isTrue();
        }
    }
}
