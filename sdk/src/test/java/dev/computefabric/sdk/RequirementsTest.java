package dev.computefabric.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementsTest {

    @Test
    void aClientsOwnTagsComeFirstAndEachTagOnce() {
        assertThat(Requirements.union(List.of("t-1"), List.of("python", "t-1"))).containsExactly("t-1", "python");
    }

    @Test
    void aBlankTagIsRefusedSayingWhichList() {
        assertThatThrownBy(() -> Requirements.union(List.of(), List.of("gpu", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }

    @Test
    void requiringAddsToWhatTheClientAndTheSubmitterOptionsAlreadyRequire() {
        FabricClient client =
                FabricClient.connect(URI.create("http://127.0.0.1:1")).requiring("a");

        assertThat(client.requiring("b").requirements()).containsExactly("a", "b");
        assertThat(client.requirements()).containsExactly("a");
        assertThat(KafkaSubmitterOptions.of("127.0.0.1:1", "http://127.0.0.1:2")
                        .requiring("t-7")
                        .requiring("gpu")
                        .requirements())
                .containsExactly("t-7", "gpu");
        assertThat(KafkaSubmitterOptions.of("127.0.0.1:1", "http://127.0.0.1:2").requirements())
                .isEmpty();
    }
}
