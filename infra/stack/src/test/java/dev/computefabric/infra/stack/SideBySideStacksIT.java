package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideStacksIT {

    @TempDir
    Path dir;

    @Test
    void twoStacksStartedAtOnceGetTheirOwnPortsAndBothServe() throws Exception {
        CompletableFuture<EmbeddedStack> a = CompletableFuture.supplyAsync(
                () -> EmbeddedStack.builder().dataDir(dir.resolve("a")).build().start());
        CompletableFuture<EmbeddedStack> b = CompletableFuture.supplyAsync(
                () -> EmbeddedStack.builder().dataDir(dir.resolve("b")).build().start());
        try (EmbeddedStack first = a.join();
                EmbeddedStack second = b.join()) {
            assertThat(first.bootstrap()).isNotEqualTo(second.bootstrap());
            assertThat(first.s3Endpoint()).isNotEqualTo(second.s3Endpoint());
            assertThat(first.registryUrl()).isNotEqualTo(second.registryUrl());
            assertThat(clusterIdOf(first)).isNotEqualTo(clusterIdOf(second));
            assertThat(StackClients.registry(first, "GET", "/subjects", null).statusCode())
                    .isEqualTo(200);
            assertThat(StackClients.registry(second, "GET", "/subjects", null).statusCode())
                    .isEqualTo(200);
        }
    }

    private static String clusterIdOf(EmbeddedStack stack) throws Exception {
        try (Admin admin = StackClients.admin(stack)) {
            return admin.describeCluster().clusterId().get();
        }
    }
}
