package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @Test
    void theSameKeyNamesTheSameCallAndAnotherKeyAnotherCall() {
        String first = IdempotencyKeys.callId("order-4711");

        assertThat(IdempotencyKeys.callId("order-4711")).isEqualTo(first);
        assertThat(IdempotencyKeys.callId("order-4712")).isNotEqualTo(first);
        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void aKeyIsItsCallersOwnTheSameKeyFromAnotherPrincipalNamesAnotherCall() {
        String alices = IdempotencyKeys.callId("order-4711", "alice");

        assertThat(IdempotencyKeys.callId("order-4711", "alice")).isEqualTo(alices);
        assertThat(IdempotencyKeys.callId("order-4711", "bob")).isNotEqualTo(alices);
        assertThat(IdempotencyKeys.callId("order-4711")).isNotEqualTo(alices);
        assertThat(IdempotencyKeys.callId("order-4711", null)).isEqualTo(IdempotencyKeys.callId("order-4711"));
    }

    @Test
    void aKeyIsOneToTwoHundredFiftyFiveVisibleAsciiCharacters() {
        assertThat(IdempotencyKeys.problem("a")).isNull();
        assertThat(IdempotencyKeys.problem("x".repeat(255))).isNull();
        assertThat(IdempotencyKeys.problem("")).contains("must not be empty");
        assertThat(IdempotencyKeys.problem("x".repeat(256))).contains("at most 255");
        assertThat(IdempotencyKeys.problem("two words")).contains("character 4");
        assertThat(IdempotencyKeys.problem("caf\u00e9")).contains("character 4");
        assertThatThrownBy(() -> IdempotencyKeys.callId(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
