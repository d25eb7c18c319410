package dev.computefabric.cli.chaos;

import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.ChildStartException;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The cluster a chaos run shakes: three brokers, two router instances, two gateways and three executors, each its
 * own JVM. Gateways sweep stored tables often, so the retention sweep runs while calls that name tables are live.
 */
final class ChaosCluster implements AutoCloseable {

    static final int BROKERS = 3;
    static final int EXECUTORS = 3;
    static final int SLOTS = 4;
    static final String TABLE_RETENTION = "30s";
    static final String SWEEP_INTERVAL = "5s";

    private final EmbeddedStack stack;
    private final List<ChildJvm> routers;
    private final List<ChildJvm> gateways;
    private final List<ChildJvm> executors;

    private ChaosCluster(
            EmbeddedStack stack, List<ChildJvm> routers, List<ChildJvm> gateways, List<ChildJvm> executors) {
        this.stack = stack;
        this.routers = new ArrayList<>(routers);
        this.gateways = new ArrayList<>(gateways);
        this.executors = new ArrayList<>(executors);
    }

    static ChaosCluster start(ChaosOptions options) {
        EmbeddedStack stack = EmbeddedStack.builder()
                .dataDir(options.dataDir())
                .brokers(BROKERS)
                .build();
        try {
            stack.start();
            FabricComponents components = new FabricComponents(stack);
            List<CompletableFuture<ChildJvm>> routers = List.of(
                    async(() -> components.startRouter("router-1")), async(() -> components.startRouter("router-2")));
            List<CompletableFuture<ChildJvm>> gateways = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String id = "gw-" + i;
                gateways.add(async(() -> components.startGateway(
                        id,
                        "--fabric.tables.retention=" + TABLE_RETENTION,
                        "--fabric.tables.sweep-interval=" + SWEEP_INTERVAL)));
            }
            List<ChildJvm> routersUp = joinAll(routers);
            List<ChildJvm> gatewaysUp = joinAll(gateways);
            // Executors after the rest and one by one: each registers its schemas at start and exits when the
            // registry does not answer within 10 s, which a registry slowed by seven other starting JVMs on a loaded
            // machine did once; a second attempt then went through.
            List<ChildJvm> executors = new ArrayList<>();
            for (int i = 1; i <= EXECUTORS; i++) {
                String id = "executor-" + i;
                executors.add(withOneRetry(() -> components.startExecutor(id, SLOTS, List.of())));
            }
            return new ChaosCluster(stack, routersUp, gatewaysUp, executors);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    EmbeddedStack stack() {
        return stack;
    }

    synchronized List<ChildJvm> routers() {
        return List.copyOf(routers);
    }

    synchronized List<ChildJvm> gateways() {
        return List.copyOf(gateways);
    }

    synchronized List<ChildJvm> executors() {
        return List.copyOf(executors);
    }

    List<ChildJvm> brokers() {
        return stack.brokers();
    }

    /** The gateways' base URLs; a gateway restarts on its own port, so these stay valid. */
    List<String> gatewayUrls() {
        return gateways().stream().map(ChildJvm::address).toList();
    }

    /** Starts a killed router, gateway or executor again with its own command line, and keeps track of it. */
    ChildJvm restart(ChildJvm dead) {
        ChildJvm again = stack.restartChild(dead);
        synchronized (this) {
            for (List<ChildJvm> role : List.of(routers, gateways, executors)) {
                int at = role.indexOf(dead);
                if (at >= 0) {
                    role.set(at, again);
                }
            }
        }
        return again;
    }

    @Override
    public void close() {
        stack.close();
    }

    private static ChildJvm withOneRetry(Supplier<ChildJvm> start) {
        try {
            return start.get();
        } catch (ChildStartException e) {
            System.err.println("chaos: " + e.getMessage().lines().findFirst().orElse("") + "; starting it again");
            return start.get();
        }
    }

    private static CompletableFuture<ChildJvm> async(Supplier<ChildJvm> start) {
        return CompletableFuture.supplyAsync(start);
    }

    private static List<ChildJvm> joinAll(List<CompletableFuture<ChildJvm>> futures) {
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
