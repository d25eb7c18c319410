package dev.computefabric.executor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.Capset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServedTopicsTest {

    @Test
    void aNodeSubscribesToTheTopicOfEverySubsetOfItsCapabilities() {
        Pattern pattern = ServedTopics.pattern(Capset.of("python", "gpu"));

        assertThat(pattern.pattern())
                .isEqualTo("fabric\\.calls\\.(any|gpu|python|gpu\\.python)(\\.\\-high|\\.\\-low)?");
    }

    @Test
    void thePatternMatchesExactlyTheServedTopics() {
        Pattern pattern = ServedTopics.pattern(Capset.of("python", "gpu"));

        assertThat("fabric.calls.any").matches(pattern);
        assertThat("fabric.calls.python").matches(pattern);
        assertThat("fabric.calls.gpu.python").matches(pattern);
        assertThat("fabric.calls.r").doesNotMatch(pattern);
        assertThat("fabric.calls.python.r").doesNotMatch(pattern);
        assertThat("fabric.calls.gpuxpython").doesNotMatch(pattern);
        assertThat("fabric.calls.gpu_python").doesNotMatch(pattern);
        assertThat("fabricxcalls.any").doesNotMatch(pattern);
        assertThat("fabric.calls.any.retry").doesNotMatch(pattern);
        assertThat("fabric.calls.gpu.python.-high").matches(pattern);
        assertThat("fabric.calls.any.-low").matches(pattern);
        assertThat("fabric.calls.any.-urgent").doesNotMatch(pattern);
        assertThat("fabric.calls.r.-high").doesNotMatch(pattern);
    }

    @Test
    void aNodeWithoutCapabilitiesServesOnlyAny() {
        assertThat(ServedTopics.pattern(Capset.of()).pattern())
                .isEqualTo("fabric\\.calls\\.(any)(\\.\\-high|\\.\\-low)?");
    }

    @Test
    void tagsWithDashesAreMatchedLiterally() {
        Pattern pattern = ServedTopics.pattern(Capset.of("cuda-12", "big-mem"));

        assertThat("fabric.calls.big-mem.cuda-12").matches(pattern);
        assertThat("fabric.calls.big-mem.cuda-1").doesNotMatch(pattern);
    }

    @Test
    void servesTellsTopicsApartLikeThePattern() {
        Capset node = Capset.of("python", "gpu");

        assertThat(ServedTopics.serves(node, "fabric.calls.gpu.python")).isTrue();
        assertThat(ServedTopics.serves(node, "fabric.calls.any")).isTrue();
        assertThat(ServedTopics.serves(node, "fabric.calls.r")).isFalse();
        assertThat(ServedTopics.serves(node, "fabric.results")).isFalse();
        assertThat(ServedTopics.serves(node, "fabric.calls.NOT VALID")).isFalse();
        assertThat(ServedTopics.serves(node, "fabric.calls.gpu.-high")).isTrue();
        assertThat(ServedTopics.serves(node, "fabric.calls.r.-high")).isFalse();
        assertThat(ServedTopics.serves(node, "fabric.calls.gpu.-urgent")).isFalse();
    }
}
