package dev.computefabric.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The pure parts of the wait; the broker path runs in every integration test that starts a stack. */
class TopicReadinessTest {

    @Test
    void everyPartitionOfEveryTopicIsAskedForItsLatestOffset() {
        Map<TopicPartition, OffsetSpec> asked = TopicReadiness.latestOffsetsOf(List.of(
                TopicProvisionerTest.described(Topics.RESULTS, 3, 1),
                TopicProvisionerTest.described("fabric.replies.gw-1", 1, 1)));

        assertThat(asked)
                .containsOnlyKeys(
                        new TopicPartition(Topics.RESULTS, 0),
                        new TopicPartition(Topics.RESULTS, 1),
                        new TopicPartition(Topics.RESULTS, 2),
                        new TopicPartition("fabric.replies.gw-1", 0));
        assertThat(asked.values()).allSatisfy(spec -> assertThat(spec).isInstanceOf(OffsetSpec.LatestSpec.class));
    }

    @Test
    void thePauseDoublesUpToItsBound() {
        List<Long> pauses = new ArrayList<>();
        long pause = TopicReadiness.FIRST_BACKOFF.toMillis();
        for (int attempt = 0; attempt < 8; attempt++) {
            pauses.add(pause);
            pause = TopicReadiness.nextBackoff(pause);
        }

        assertThat(pauses).containsExactly(20L, 40L, 80L, 160L, 320L, 500L, 500L, 500L);
    }

    @Test
    void aDeadlineLeavesAFutureAtLeastAMomentToAnswer() {
        Deadline passed = Deadline.in(Duration.ZERO);

        assertThat(passed.passed()).isTrue();
        assertThat(passed.remainingNanos()).isPositive();
        assertThat(Deadline.in(Duration.ofMinutes(1)).passed()).isFalse();
    }
}
