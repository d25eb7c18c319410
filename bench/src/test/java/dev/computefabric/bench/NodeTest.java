package dev.computefabric.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTest {

    @Test
    void theIdealMakespanOfTheSleepScenarioIsCallsTimesDurationOverSlots() {
        double capacity = Node.capacity(OwnFabric.nodes(BenchCommand.Scenario.sleep));

        assertThat(capacity).isEqualTo(16.0);
        assertThat(Node.idealSeconds(400, 50, capacity)).isEqualTo(1.25);
    }

    @Test
    void aSlowNodeCountsItsSlotsDividedByItsSlowdown() {
        List<Node> skew = OwnFabric.nodes(BenchCommand.Scenario.skew);

        assertThat(skew).extracting(Node::slots).containsExactly(10, 5, 1);
        assertThat(Node.capacity(skew)).isEqualTo(15.25);
        assertThat(Node.idealSeconds(400, 50, 15.25)).isCloseTo(1.3115, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aNodeNeedsASlotAndCannotBeFasterThanFullSpeed() {
        assertThatThrownBy(() -> new Node("n", 0, 1)).hasMessageContaining("slots");
        assertThatThrownBy(() -> new Node("n", 1, 0.5)).hasMessageContaining("slowdown");
    }

    @Test
    void sizesReadWithUnits() {
        assertThat(BenchCommand.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(BenchCommand.parseSize("64M")).isEqualTo(64L << 20);
        assertThat(BenchCommand.parseSize("1000")).isEqualTo(1000L);
        assertThat(OwnFabric.megabytes("256m")).isEqualTo(256);
        assertThatThrownBy(() -> BenchCommand.parseSize("lots")).hasMessageContaining("--size");
    }
}
