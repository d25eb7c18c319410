package dev.computefabric.executor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.DispatchMode;

/**
 * Classic consumer-group dispatch on the real broker. Executors run with {@code --session-timeout 6s} (the
 * broker's minimum) so a killed node's partitions move within the 15 s bound; Kafka's default is 45 s.
 */
class ClassicDispatchIT extends DispatchContract {

    @Override
    DispatchMode mode() {
        return DispatchMode.CLASSIC;
    }

    /**
     * A classic group balances partitions, not records: each node owns half of the topic's six partitions and
     * only it runs their calls, so the 1-slot node gets about half of the calls whatever its slots. What must
     * hold is that it never runs more than its slots and that everything finishes.
     */
    @Override
    void assertEightSlotNodeDoesMost(int oneSlot, int eightSlots) {
        assertThat(oneSlot + eightSlots).isEqualTo(200);
    }
}
