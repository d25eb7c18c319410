package dev.computefabric.router.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.router.timers.Timer.Kind;
import org.junit.jupiter.api.Test;

class TimerTest {

    @Test
    void aKeyIsTheDueTimeZeroPaddedThenTheKindThenTheCall() {
        Timer timer = new Timer(1_733_270_400_123L, Kind.DEADLINE, "call-7");

        assertThat(timer.key()).isEqualTo("001733270400123:D:call-7");
        assertThat(Timer.parse(timer.key())).isEqualTo(timer);
    }

    @Test
    void keysSortByDueTimeWhateverTheirNumberOfDigits() {
        String early = new Timer(999, Kind.EXPIRE_CACHE, "z").key();
        String late = new Timer(1_000, Kind.DEADLINE, "a").key();

        assertThat(early).isLessThan(late);
        assertThat(new Timer(0, Kind.EXPIRE_STATUS, "c").key()).isGreaterThanOrEqualTo(Timer.first());
    }

    @Test
    void lastDueByFallsAfterEveryTimerDueThenAndBeforeEveryLaterOne() {
        String bound = Timer.lastDueBy(5_000);

        assertThat(new Timer(5_000, Kind.EXPIRE_PIPELINE, "\uffff").key()).isLessThan(bound);
        assertThat(new Timer(5_001, Kind.DEADLINE, "a").key()).isGreaterThan(bound);
    }

    @Test
    void aKeyThatIsNotATimerIsRefusedWithWhatItWas() {
        assertThatThrownBy(() -> Timer.parse("12:D:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'12:D:x'");
    }
}
