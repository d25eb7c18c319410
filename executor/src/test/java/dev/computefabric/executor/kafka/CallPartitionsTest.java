package dev.computefabric.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallPartitionsTest {

    @Test
    void theLatestDeliveryOfACallDecides() {
        CallPartitions partitions = new CallPartitions();

        partitions.remember("c-1", 1);
        partitions.remember("c-1", 3);

        assertThat(partitions.of("c-1")).hasValue(3);
        assertThat(partitions.of("c-2")).isEmpty();
    }

    @Test
    void theOldestEntriesGoBeyondTheBound() {
        CallPartitions partitions = new CallPartitions(2);

        partitions.remember("a", 0);
        partitions.remember("b", 1);
        partitions.remember("a", 2);
        partitions.remember("c", 3);

        assertThat(partitions.of("b")).isEmpty();
        assertThat(partitions.of("a")).hasValue(2);
        assertThat(partitions.size()).isEqualTo(2);
    }
}
