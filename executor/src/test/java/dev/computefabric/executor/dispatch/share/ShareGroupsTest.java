package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShareGroupsTest {

    @Test
    void aClusterRunningTheFabricsAssignorFirstGivesEveryLaneEveryPartition() {
        assertThat(ShareGroups.firstAssignorIsEveryPartition("dev.computefabric.infra.broker.EveryPartitionAssignor"))
                .isTrue();
        assertThat(ShareGroups.firstAssignorIsEveryPartition(
                        " dev.computefabric.infra.broker.EveryPartitionAssignor , simple"))
                .isTrue();
    }

    @Test
    void kafkasOwnAssignorOrNoAnswerMeansTheHashedPartitionsOnly() {
        assertThat(ShareGroups.firstAssignorIsEveryPartition("simple")).isFalse();
        assertThat(ShareGroups.firstAssignorIsEveryPartition(
                        "org.apache.kafka.coordinator.group.assignor.SimpleAssignor"))
                .isFalse();
        // The broker uses only the first of the list.
        assertThat(ShareGroups.firstAssignorIsEveryPartition(
                        "simple,dev.computefabric.infra.broker.EveryPartitionAssignor"))
                .isFalse();
        assertThat(ShareGroups.firstAssignorIsEveryPartition(null)).isFalse();
        assertThat(ShareGroups.firstAssignorIsEveryPartition("")).isFalse();
    }
}
