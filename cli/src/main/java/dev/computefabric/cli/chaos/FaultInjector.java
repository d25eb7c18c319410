package dev.computefabric.cli.chaos;

import dev.computefabric.infra.stack.ChildJvm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * Injects every fault once, each at a random point of the run (a share of the calls sent, from the seed), each on
 * its own thread so that faults overlap as they will: SIGKILL an executor, a gateway, a router instance and a broker,
 * each restarted after a pause, and freeze one executor (SIGSTOP) so that it is cut off from the brokers for a while.
 */
final class FaultInjector {

    /** Faults strike while between these shares of the calls have been sent. */
    static final double EARLIEST = 0.10;

    static final double LATEST = 0.60;
    static final Duration PROBE_EVERY = Duration.ofMillis(500);
    static final Duration HEAL_LIMIT = Duration.ofMinutes(5);
    static final int ANY_GATEWAY = -1;

    private final ChaosCluster cluster;
    private final HttpCaller prober;
    private final ChaosOptions options;
    private final IntSupplier sent;
    private final Random random;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    FaultInjector(ChaosCluster cluster, HttpCaller prober, ChaosOptions options, IntSupplier sent) {
        this.cluster = cluster;
        this.prober = prober;
        this.options = options;
        this.sent = sent;
        this.random = new Random(options.seed() * 31 + 7);
    }

    void start() {
        for (Fault.Kind kind : Fault.Kind.values()) {
            int when = (int) (options.calls() * (EARLIEST + random.nextDouble() * (LATEST - EARLIEST)));
            int which = random.nextInt(Integer.MAX_VALUE);
            // Drawn for every kind, so a seed strikes the faults it keeps at the same points.
            if (!options.faults().contains(kind)) {
                continue;
            }
            Thread thread = new Thread(() -> strikeAt(kind, when, which), "chaos-fault-" + kind);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Waits until every fault struck and healed (or gave up healing). */
    List<Fault> awaitHealed() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(faults);
    }

    private void strikeAt(Fault.Kind kind, int when, int which) {
        try {
            while (sent.getAsInt() < when) {
                Thread.sleep(50);
            }
            faults.add(strike(kind, which));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("chaos: fault " + kind + " failed: " + e);
            faults.add(new Fault(kind, "?", Instant.now(), null, null));
        }
    }

    private Fault strike(Fault.Kind kind, int which) throws InterruptedException {
        return switch (kind) {
            case KILL_EXECUTOR -> killAndRestart(kind, pick(cluster.executors(), which), ANY_GATEWAY);
            case KILL_ROUTER -> killAndRestart(kind, pick(cluster.routers(), which), ANY_GATEWAY);
            case KILL_GATEWAY -> {
                int index = which % cluster.gateways().size();
                yield killAndRestart(kind, cluster.gateways().get(index), index);
            }
            case KILL_BROKER -> {
                int node = 1 + which % cluster.brokers().size();
                ChildJvm broker = cluster.brokers().get(node - 1);
                Instant at = Instant.now();
                broker.kill();
                Thread.sleep(options.restartPause().toMillis());
                cluster.stack().restartBroker(node);
                yield new Fault(kind, broker.name(), at, probeUntilHealed(ANY_GATEWAY), null);
            }
            case CUT_OFF_EXECUTOR -> {
                ChildJvm executor = pick(cluster.executors(), which);
                Instant at = Instant.now();
                executor.signal("STOP");
                try {
                    Thread.sleep(options.cutOff().toMillis());
                } finally {
                    executor.signal("CONT");
                }
                yield new Fault(kind, executor.name(), at, probeUntilHealed(ANY_GATEWAY), null);
            }
        };
    }

    private Fault killAndRestart(Fault.Kind kind, ChildJvm victim, int gateway) throws InterruptedException {
        Instant at = Instant.now();
        victim.kill();
        Thread.sleep(options.restartPause().toMillis());
        cluster.restart(victim);
        return new Fault(kind, victim.name(), at, probeUntilHealed(gateway), null);
    }

    /**
     * When a call finished again: through gateway {@code gateway} after that gateway was killed, otherwise through
     * either (a probe must not wait for a gateway another fault took down).
     */
    private Instant probeUntilHealed(int gateway) throws InterruptedException {
        Instant limit = Instant.now().plus(HEAL_LIMIT);
        List<String> urls = cluster.gatewayUrls();
        for (int attempt = 0; Instant.now().isBefore(limit); attempt++) {
            String url = gateway >= 0 ? urls.get(gateway) : urls.get(attempt % urls.size());
            if (prober.probe(url)) {
                return Instant.now();
            }
            Thread.sleep(PROBE_EVERY.toMillis());
        }
        return null;
    }

    /** One of {@code children} that runs now: faults overlap, and another may just have killed the one chosen. */
    private static ChildJvm pick(List<ChildJvm> children, int which) {
        List<ChildJvm> alive = children.stream().filter(ChildJvm::isAlive).toList();
        List<ChildJvm> from = alive.isEmpty() ? children : alive;
        return from.get(which % from.size());
    }
}
