package dev.computefabric.executor.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void anObjectParsesAndBlankIsEmpty() {
        assertThat(Args.parse("echo", "{\"n\": 3}").json().path("n").asInt()).isEqualTo(3);
        assertThat(Args.parse("echo", " ").json().isEmpty()).isTrue();
    }

    /** A Kafka caller's args reach the executor without the gateway's parser: they are held to the same rule. */
    @Test
    void anObjectFollowedByMoreIsNotValidJson() {
        assertThatThrownBy(() -> Args.parse("echo", "{\"n\": 3}}"))
                .isInstanceOf(BadArgumentsException.class)
                .hasMessageStartingWith("echo: args are not valid JSON")
                .hasMessageEndingWith("pass a JSON object such as {}");
    }
}
