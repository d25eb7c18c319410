package dev.computefabric.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedThreadsTest {

    @Test
    void numberedThreadsAreDaemonsNamedInOrder() {
        NamedThreads threads = NamedThreads.numbered("executor-worker");

        Thread first = threads.newThread(() -> {});
        Thread second = threads.newThread(() -> {});

        assertThat(first.getName()).isEqualTo("executor-worker-1");
        assertThat(second.getName()).isEqualTo("executor-worker-2");
        assertThat(first.isDaemon()).isTrue();
    }

    @Test
    void aNamedFactoryGivesEveryThreadTheSameName() {
        NamedThreads threads = NamedThreads.named("gateway-replies");

        assertThat(threads.newThread(() -> {}).getName()).isEqualTo("gateway-replies");
        assertThat(threads.newThread(() -> {}).isDaemon()).isTrue();
    }
}
