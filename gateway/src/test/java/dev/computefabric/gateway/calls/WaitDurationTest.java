package dev.computefabric.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WaitDurationTest {

    private static final Duration MAX = Duration.ofSeconds(60);

    @ParameterizedTest(name = "\"{0}\" means {1} ms")
    @CsvSource({
        "30s, 30000",
        "500ms, 500",
        "2m, 60000",
        "1.5s, 1500",
        "1.5, 1500",
        "2, 2000",
        "0, 0",
        "' 250 ms ', 250",
        "PT2S, 2000",
        "pt0.5s, 500",
        "0.0001s, 1",
    })
    void readsUnitsAndPlainSeconds(String text, long millis) {
        assertThat(WaitDuration.parse(text, MAX)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "\"{0}\" is cut to the maximum")
    @ValueSource(strings = {"61s", "2m", "90000ms", "PT1H", "999999999999s"})
    void waitsLongerThanTheMaximumAreCutToIt(String text) {
        assertThat(WaitDuration.parse(text, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "soon", "-1s", "10h", "1,5s", "s", "PT-1S", "PTXS"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> WaitDuration.parse(text, MAX))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("wait must be a duration such as \"30s\"");
    }

    @Test
    void aJsonNumberIsSeconds() {
        assertThat(WaitDuration.ofSeconds(new BigDecimal("2.25"), MAX)).isEqualTo(Duration.ofMillis(2250));
        assertThat(WaitDuration.ofSeconds(new BigDecimal("1e9"), MAX)).isEqualTo(MAX);
    }

    @Test
    void aNegativeNumberIsRefused() {
        assertThatThrownBy(() -> WaitDuration.ofSeconds(new BigDecimal("-1"), MAX))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot be negative");
    }
}
