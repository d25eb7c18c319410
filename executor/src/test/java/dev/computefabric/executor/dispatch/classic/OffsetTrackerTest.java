package dev.computefabric.executor.dispatch.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("fabric.calls.any", 0);
    private static final TopicPartition P1 = new TopicPartition("fabric.calls.any", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void commitsNothingBeforeAnyRecordArrived() {
        tracker.assigned(List.of(P0));

        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void theCommitPointStaysAtTheLowestUnfinishedRecordWhileLaterOnesFinishFirst() {
        tracker.assigned(List.of(P0));
        OffsetTracker.Ticket first = tracker.received(P0, 10);
        OffsetTracker.Ticket second = tracker.received(P0, 11);
        OffsetTracker.Ticket third = tracker.received(P0, 12);

        tracker.completed(third);
        tracker.completed(second);
        assertThat(tracker.committable()).isEmpty();

        tracker.completed(first);
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void theOffsetTheGroupResumedFromIsNotCommittedAgain() {
        tracker.assigned(List.of(P0));
        tracker.received(P0, 40);

        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void aCommitPointIsHandedOutOnceUntilItMovesAgain() {
        tracker.assigned(List.of(P0));
        tracker.completed(tracker.received(P0, 0));
        tracker.committing(tracker.committable());

        assertThat(tracker.committable()).isEmpty();

        tracker.completed(tracker.received(P0, 1));
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void aFailedCommitIsHandedOutAgain() {
        tracker.assigned(List.of(P0));
        tracker.completed(tracker.received(P0, 0));
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        tracker.committing(offsets);

        tracker.commitFailed(offsets);

        assertThat(tracker.committable()).isEqualTo(offsets);
    }

    @Test
    void partitionsAreTrackedIndependently() {
        tracker.assigned(List.of(P0, P1));
        tracker.received(P0, 5);
        tracker.completed(tracker.received(P1, 7));

        assertThat(tracker.committable()).isEqualTo(Map.of(P1, new OffsetAndMetadata(8)));
        assertThat(tracker.committable(List.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(8)));
        assertThat(tracker.unfinished()).isEqualTo(1);
    }

    @Test
    void aCompletionFromBeforeARevocationIsIgnored() {
        tracker.assigned(List.of(P0));
        OffsetTracker.Ticket stale = tracker.received(P0, 3);
        tracker.revoked(List.of(P0));
        tracker.assigned(List.of(P0));
        tracker.received(P0, 3);

        assertThat(tracker.completed(stale)).isFalse();
        assertThat(tracker.unfinished()).isEqualTo(1);
        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void aRevokedPartitionHasNothingToCommit() {
        tracker.assigned(List.of(P0));
        tracker.completed(tracker.received(P0, 0));
        tracker.revoked(List.of(P0));

        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void gapsInOffsetsDoNotHoldTheCommitPointBack() {
        tracker.assigned(List.of(P0));
        // Offsets 1-2 are transaction markers or compacted away: never received, never waited for.
        tracker.completed(tracker.received(P0, 0));
        tracker.completed(tracker.received(P0, 3));

        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
    }
}
