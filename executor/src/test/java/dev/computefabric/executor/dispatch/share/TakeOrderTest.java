package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.Priority;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TakeOrderTest {

    @Test
    void highComesFirstOnEveryTakeButTheFairOne() {
        TakeOrder order = new TakeOrder(4);

        for (int take = 0; take < 3; take++) {
            assertThat(order.next()).containsExactly(Priority.HIGH, Priority.NORMAL, Priority.LOW);
            order.took();
        }
        assertThat(order.next()).containsExactly(Priority.LOW, Priority.NORMAL, Priority.HIGH);
    }

    @Test
    void theFairTurnsAlternateBetweenLowAndNormal() {
        TakeOrder order = new TakeOrder(2);

        assertThat(fairTurns(order, 8)).containsExactly(Priority.LOW, Priority.NORMAL, Priority.LOW, Priority.NORMAL);
    }

    @Test
    void withEveryLevelBacklogged_lowAndNormalEachGetAShareOfTheTakes() {
        TakeOrder order = new TakeOrder(10);
        Map<Priority, Integer> taken = new EnumMap<>(Priority.class);

        for (int take = 0; take < 1_000; take++) {
            // Every level always has a call queued: the first level in the order is the one taken.
            taken.merge(order.next().get(0), 1, Integer::sum);
            order.took();
        }

        assertThat(taken.get(Priority.HIGH)).isEqualTo(900);
        assertThat(taken.get(Priority.LOW)).isEqualTo(50);
        assertThat(taken.get(Priority.NORMAL)).isEqualTo(50);
    }

    @Test
    void aLowCallBehindAnEndlessStreamOfHighCallsIsTakenWithinTwoRoundsOfFairTurns() {
        TakeOrder order = new TakeOrder(10);
        int takes = 0;
        // Only HIGH and one LOW are queued; NORMAL is empty.
        while (true) {
            Priority first = order.next().stream()
                    .filter(level -> level != Priority.NORMAL)
                    .findFirst()
                    .orElseThrow();
            order.took();
            takes++;
            if (first == Priority.LOW) {
                break;
            }
        }
        assertThat(takes).isLessThanOrEqualTo(20);
    }

    private static List<Priority> fairTurns(TakeOrder order, int takes) {
        List<Priority> firsts = new java.util.ArrayList<>();
        for (int take = 0; take < takes; take++) {
            Priority first = order.next().get(0);
            if (first != Priority.HIGH) {
                firsts.add(first);
            }
            order.took();
        }
        return firsts;
    }
}
