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

    private static final Duration MAX = Duration.ofHours(3);

    @ParameterizedTest(name = "\"{0}\" means {1} ms")
    @CsvSource({
        "500ms, 500",
        "' 250 ms ', 250",
        "30s, 30000",
        "1.5s, 1500",
        "2m, 120000",
        "0.5m, 30000",
        "2h, 7200000",
        "1.5h, 5400000",
        "2H, 7200000",
        "30S, 30000",
        "1.5, 1500",
        "2, 2000",
        "0, 0",
        "PT2S, 2000",
        "pt0.5s, 500",
        "PT1H30M, 5400000",
        "0.0001s, 1",
    })
    void readsMillisecondsSecondsMinutesHoursIsoAndPlainSeconds(String text, long millis) {
        assertThat(WaitDuration.parse(text, MAX)).isEqualTo(new RequestedWait(Duration.ofMillis(millis), false));
    }

    @ParameterizedTest(name = "\"{0}\" is cut to the maximum and says so")
    @ValueSource(strings = {"181m", "4h", "10800001ms", "PT999999H", "P1D", "99999m", "999999999999999999999s"})
    void waitsLongerThanTheMaximumAreCappedAndMarkedSo(String text) {
        assertThat(WaitDuration.parse(text, MAX)).isEqualTo(new RequestedWait(MAX, true));
    }

    @Test
    void aWaitOfExactlyTheMaximumIsNotCapped() {
        assertThat(WaitDuration.parse("3h", MAX)).isEqualTo(new RequestedWait(MAX, false));
    }

    @Test
    void anIsoDurationTooLongForJavaIsCappedNotRefused() {
        assertThat(WaitDuration.parse("PT9999999999999999999H", MAX)).isEqualTo(new RequestedWait(MAX, true));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "soon", "10d", "1,5s", "s", "PTXS", "2 hours"})
    void refusesWhatIsNotADurationNamingEveryForm(String text) {
        assertThatThrownBy(() -> WaitDuration.parse(text, MAX))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage(
                        "wait must be a duration such as \"500ms\", \"30s\", \"2m\", \"1h\" or \"PT30S\" (ISO-8601),"
                                + " or a number of seconds; got \"" + text + "\""
                                + (text.startsWith("P") ? " (not an ISO-8601 duration such as \"PT30S\")" : ""));
    }

    @ParameterizedTest(name = "\"{0}\" is refused as negative")
    @ValueSource(strings = {"-1s", "-PT1S", "PT-1S"})
    void refusesNegativeWaits(String text) {
        assertThatThrownBy(() -> WaitDuration.parse(text, MAX))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("(a wait cannot be negative)");
    }

    @Test
    void aJsonNumberIsSecondsAndAnAbsurdOneIsCapped() {
        assertThat(WaitDuration.ofSeconds(new BigDecimal("2.25"), MAX))
                .isEqualTo(new RequestedWait(Duration.ofMillis(2250), false));
        assertThat(WaitDuration.ofSeconds(new BigDecimal("1e30"), MAX)).isEqualTo(new RequestedWait(MAX, true));
    }

    @Test
    void aNegativeNumberIsRefused() {
        assertThatThrownBy(() -> WaitDuration.ofSeconds(new BigDecimal("-1"), MAX))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot be negative");
    }

    @ParameterizedTest(name = "{0} ms is written \"{1}\"")
    @CsvSource({"60000, 1m", "3600000, 1h", "90000, 90s", "1500, 1500ms", "0, 0s", "30000, 30s"})
    void aWaitIsWrittenInTheLargestUnitThatStatesItExactly(long millis, String text) {
        assertThat(new RequestedWait(Duration.ofMillis(millis), true).text()).isEqualTo(text);
    }
}
