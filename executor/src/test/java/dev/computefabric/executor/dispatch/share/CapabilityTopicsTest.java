package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.Priority;
import dev.computefabric.schemas.Capset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CapabilityTopicsTest {

    private final AtomicReference<Set<String>> cluster = new AtomicReference<>(Set.of(
            "fabric.calls.any",
            "fabric.calls.gpu",
            "fabric.calls.gpu.python",
            "fabric.calls.gpu.-high",
            "fabric.calls.any.-low",
            "fabric.calls.r",
            "fabric.calls.r.-high",
            "fabric.results",
            "other"));
    private final CapabilityTopics topics = new CapabilityTopics(Capset.of("gpu", "python"), cluster::get);

    @Test
    void servesEveryCapabilityTopicWhoseCapsetIsASubsetOfItsCapabilities() {
        topics.refresh();

        assertThat(topics.current(Priority.NORMAL))
                .containsExactlyInAnyOrder("fabric.calls.any", "fabric.calls.gpu", "fabric.calls.gpu.python");
    }

    @Test
    void sortsTheServedTopicsByPriorityLevel() {
        topics.refresh();

        assertThat(topics.current(Priority.HIGH)).containsExactly("fabric.calls.gpu.-high");
        assertThat(topics.current(Priority.LOW)).containsExactly("fabric.calls.any.-low");
        assertThat(topics.current()).hasSize(5);
    }

    @Test
    void picksUpATopicCreatedLaterOnTheNextRefresh() {
        topics.refresh();
        cluster.set(Set.of("fabric.calls.any", "fabric.calls.python"));

        topics.refresh();

        assertThat(topics.current()).containsExactlyInAnyOrder("fabric.calls.any", "fabric.calls.python");
    }

    @Test
    void keepsWhatItHadWhenTheClusterCannotBeListed() {
        topics.refresh();
        cluster.set(null);

        topics.refresh();

        assertThat(topics.current()).contains("fabric.calls.gpu");
    }
}
