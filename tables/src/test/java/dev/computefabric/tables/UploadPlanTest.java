package dev.computefabric.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadPlanTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aTableUpToThePartSizeGoesUpInOneRequest() {
        assertThat(UploadPlan.of(0, 32 * MIB).single()).isTrue();
        assertThat(UploadPlan.of(32 * MIB, 32 * MIB).single()).isTrue();
    }

    @Test
    void aLargerTableGoesUpInPartsThatCoverItExactly() {
        UploadPlan plan = UploadPlan.of(100 * MIB + 1, 32 * MIB);

        assertThat(plan.parts())
                .containsExactly(
                        new UploadPlan.Part(1, 0, 32 * MIB),
                        new UploadPlan.Part(2, 32 * MIB, 32 * MIB),
                        new UploadPlan.Part(3, 64 * MIB, 32 * MIB),
                        new UploadPlan.Part(4, 96 * MIB, 4 * MIB + 1));
    }

    @Test
    void aHugeTableGetsLargerPartsToStayWithinTenThousand() {
        long size = 1024L * 1024 * MIB;
        UploadPlan plan = UploadPlan.of(size, 32 * MIB);

        assertThat(plan.parts()).hasSizeLessThanOrEqualTo(UploadPlan.MAX_PARTS);
        assertThat(plan.parts().stream().mapToLong(UploadPlan.Part::length).sum())
                .isEqualTo(size);
    }

    @Test
    void partsBelowTheS3MinimumAreRefused() {
        assertThatThrownBy(() -> UploadPlan.of(10, MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least");
    }
}
