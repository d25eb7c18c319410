package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapsetTest {

    @Test
    void nameIsSortedLowerCaseDotJoined() {
        assertThat(Capset.of("Python", " gpu ").name()).isEqualTo("gpu.python");
    }

    @Test
    void theEmptySetIsNamedAny() {
        assertThat(Capset.of(List.of()).name()).isEqualTo("any");
        assertThat(Capset.parse("any").tags()).isEmpty();
    }

    @Test
    void parsesItsOwnName() {
        Capset capset = Capset.of("python", "gpu");
        assertThat(Capset.parse(capset.name())).isEqualTo(capset);
    }

    @Test
    void rejectsTagsOutsideTheAlphabetAndSaysWhy() {
        assertThatThrownBy(() -> Capset.of("py thon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Capset.TAG_PATTERN)
                .hasMessageContaining("py thon");
        assertThatThrownBy(() -> Capset.of("gpu+python")).isInstanceOf(IllegalArgumentException.class);
        // '_' would collide with '.' in Kafka topic names: {gpu_x} and {gpu, x}.
        assertThatThrownBy(() -> Capset.of("gpu_x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeServesEverySubsetOfItsCapabilities() {
        assertThat(Capset.of("python", "gpu").subsets())
                .extracting(Capset::name)
                .containsExactlyInAnyOrder("any", "gpu", "python", "gpu.python");
    }

    @Test
    void everyCapsetNameIsALegalKafkaTopicName() {
        assertThat(Topics.calls(Capset.of("gpu", "python", "cuda-12"))).matches("[a-zA-Z0-9._-]+");
    }

    @Test
    void topicNamesRoundTrip() {
        assertThat(Topics.calls(Capset.of("python"))).isEqualTo("fabric.calls.python");
        assertThat(Topics.calls(Capset.of("python", "gpu"))).isEqualTo("fabric.calls.gpu.python");
        assertThat(Topics.capsetOf("fabric.calls.gpu.python")).isEqualTo(Capset.of("gpu", "python"));
        assertThat(Topics.capsetOf("fabric.results")).isNull();
    }

    @Test
    void priorityTopicsCarryTheLevelAfterTheCapset() {
        assertThat(Topics.calls(Capset.of("gpu"), Priority.HIGH)).isEqualTo("fabric.calls.gpu.-high");
        assertThat(Topics.calls(Capset.of(), Priority.LOW)).isEqualTo("fabric.calls.any.-low");
        assertThat(Topics.calls(Capset.of("gpu"), Priority.NORMAL)).isEqualTo("fabric.calls.gpu");
        assertThat(Topics.calls(Capset.of("gpu"), null)).isEqualTo("fabric.calls.gpu");
        assertThat(Topics.calls(Capset.of("gpu", "cuda-12"), Priority.HIGH)).matches("[a-zA-Z0-9._-]+");
    }

    @Test
    void aPriorityTopicNamesItsCapsetAndLevel() {
        assertThat(Topics.capsetOf("fabric.calls.gpu.python.-high")).isEqualTo(Capset.of("gpu", "python"));
        assertThat(Topics.priorityOf("fabric.calls.gpu.python.-high")).isEqualTo(Priority.HIGH);
        assertThat(Topics.priorityOf("fabric.calls.any.-low")).isEqualTo(Priority.LOW);
        assertThat(Topics.priorityOf("fabric.calls.gpu.high")).isEqualTo(Priority.NORMAL);
        assertThat(Topics.capsetOf("fabric.calls.gpu.high")).isEqualTo(Capset.of("gpu", "high"));
    }

    @Test
    void anUnknownLevelIsRefusedByName() {
        assertThatThrownBy(() -> Topics.priorityOf("fabric.calls.any.-urgent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'urgent'");
    }
}
