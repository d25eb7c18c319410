package dev.computefabric.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricAcls;
import dev.computefabric.infra.stack.FabricComponents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two result routers share the routing as members of one Kafka Streams application. A router killed with
 * {@code SIGKILL} says no goodbye to its group, so its partitions stay its own until the group's session timeout
 * passes: with Kafka's default (45 s) half of the fabric's calls waited that long for their status and their reply.
 */
class RouterFailoverIT {

    /** Well past the router's session timeout (10 s) and the rebalance, and short of Kafka's default 45 s. */
    static final Duration MOVED_WITHIN = Duration.ofSeconds(40);

    static final Duration BOUND = Duration.ofSeconds(60);

    /** Enough calls that some land on the killed router's partitions whichever half it held (2^-24 that none do). */
    static final int CALLS = 24;

    /** Kept when the test fails: the children's logs are in {@code logs/}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void theCallsOfARouterKilledWithoutGoodbyeAreRoutedByTheOtherWithinSeconds() throws Exception {
        try (EmbeddedStack stack =
                        EmbeddedStack.builder().dataDir(dataDir).build().start();
                Admin admin = Admin.create(new KafkaClientConfig(stack.bootstrap(), "failover-it").admin())) {
            FabricComponents components = new FabricComponents(stack);
            CompletableFuture<ChildJvm> doomed =
                    CompletableFuture.supplyAsync(() -> components.startRouter("router-1"));
            CompletableFuture<ChildJvm> survivor =
                    CompletableFuture.supplyAsync(() -> components.startRouter("router-2"));
            CompletableFuture<ChildJvm> executor = CompletableFuture.supplyAsync(
                    () -> components.startExecutor("executor-failover", 4, List.of(), "--max-load-per-core", "0"));
            Http gateway = new Http(components.startGateway("gw-failover").address());
            executor.join();
            survivor.join();
            ChildJvm victim = doomed.join();
            await("both routers hold partitions").atMost(BOUND).until(() -> routersHoldingPartitions(admin) == 2);

            victim.kill();
            Instant killed = Instant.now();
            List<String> callIds = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                // No requirements: fabric.calls.any, provisioned with the stack. A topic created after the kill would
                // wait for the dead member too (the routers' pattern subscription rebalances to take it).
                Http.Answer accepted = gateway.post("{\"function\": \"echo\", \"args\": {\"n\": " + i + "}}");
                assertThat(accepted.status()).as("call %d accepted", i).isEqualTo(202);
                callIds.add(accepted.callId());
            }

            await("every call FINISHED")
                    .atMost(MOVED_WITHIN.minus(Duration.between(killed, Instant.now())))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> callIds.stream()
                            .allMatch(id -> gateway.get(id, null).state().equals("FINISHED")));
            System.out.printf(
                    "RouterFailoverIT: %d calls FINISHED %d ms after router-1 was killed%n",
                    CALLS, Duration.between(killed, Instant.now()).toMillis());
            await("the dead router left the group").atMost(BOUND).until(() -> routersHoldingPartitions(admin) == 1);
        }
    }

    /** How many members of the routers' group have partitions assigned, once the group is stable (else 0). */
    private static int routersHoldingPartitions(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(FabricAcls.ROUTER_APPLICATION_ID))
                .describedGroups()
                .get(FabricAcls.ROUTER_APPLICATION_ID)
                .get();
        if (group.groupState() != GroupState.STABLE) {
            return 0;
        }
        return (int) group.members().stream()
                .map(MemberDescription::assignment)
                .filter(assignment -> !assignment.topicPartitions().isEmpty())
                .count();
    }
}
