package dev.computefabric.executor.dispatch.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BackpressureTest {

    private static final TopicPartition P0 = new TopicPartition("fabric.calls.any", 0);
    private static final TopicPartition P1 = new TopicPartition("fabric.calls.any", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final Backpressure backpressure = new Backpressure();

    @Test
    void fetchingStopsWhenNoSlotIsFreeWhenACallWaitsOrWhenStopping() {
        assertThat(Backpressure.shouldPause(false, 0, 2)).isFalse();
        assertThat(Backpressure.shouldPause(false, 0, 0)).isTrue();
        assertThat(Backpressure.shouldPause(false, 1, 2)).isTrue();
        assertThat(Backpressure.shouldPause(true, 0, 2)).isTrue();
    }

    @Test
    void pausingPausesEveryAssignedPartitionAndResumingResumesThem() {
        consumer.assign(List.of(P0, P1));

        backpressure.apply(consumer, true);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
        assertThat(backpressure.paused()).isTrue();

        backpressure.apply(consumer, false);
        assertThat(consumer.paused()).isEmpty();
        assertThat(backpressure.paused()).isFalse();
    }

    @Test
    void aPartitionAssignedWhilePausedIsPausedToo() {
        consumer.assign(List.of(P0));
        backpressure.apply(consumer, true);
        consumer.assign(List.of(P0, P1));

        backpressure.reapply(consumer);

        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    }

    @Test
    void reapplyingWhileRunningLeavesPartitionsFetching() {
        consumer.assign(List.of(P0));

        backpressure.reapply(consumer);

        assertThat(consumer.paused()).isEmpty();
    }
}
