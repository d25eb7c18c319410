package dev.computefabric.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotsTest {

    @Test
    void aCallTakesAsManySlotsAsItAsksFor() {
        Slots slots = new Slots(4);

        assertThat(slots.tryAcquire(3)).isTrue();

        assertThat(slots.busy()).isEqualTo(3);
        assertThat(slots.free()).isEqualTo(1);
    }

    @Test
    void aCallThatDoesNotFitNowWaits() {
        Slots slots = new Slots(4);
        slots.tryAcquire(3);

        assertThat(slots.tryAcquire(2)).isFalse();
        assertThat(slots.busy()).isEqualTo(3);
    }

    @Test
    void aCallThatWaitedFitsOnceSlotsAreReleased() {
        Slots slots = new Slots(4);
        slots.tryAcquire(3);
        slots.release(3);

        assertThat(slots.tryAcquire(4)).isTrue();
        assertThat(slots.free()).isZero();
    }

    @Test
    void askingForMoreSlotsThanTheNodeHasIsABugBecauseAdmissionRefusesSuchCallsFirst() {
        Slots slots = new Slots(2);

        assertThatThrownBy(() -> slots.tryAcquire(3))
                .hasMessage("3 slots never fit in 2; such a call is refused before");
        assertThat(slots.busy()).isZero();
    }

    @Test
    void releasingMoreThanIsBusyIsABug() {
        Slots slots = new Slots(2);
        slots.tryAcquire(1);

        assertThatThrownBy(() -> slots.release(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot release 2 slots, 1 are busy");
    }

    @Test
    void aNodeHasAtLeastOneSlotAndACallTakesAtLeastOne() {
        assertThatThrownBy(() -> new Slots(0)).hasMessage("slots must be >= 1, got 0");
        assertThatThrownBy(() -> new Slots(1).tryAcquire(0)).hasMessage("a call occupies at least 1 slot, asked for 0");
    }
}
