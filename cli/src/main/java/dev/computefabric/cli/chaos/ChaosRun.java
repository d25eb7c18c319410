package dev.computefabric.cli.chaos;

import dev.computefabric.schemas.serde.SpecificRecords;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chaos run: start the cluster, drive the calls while the faults strike, wait until every accepted call ended
 * (or the drain timeout passed), then check every call against what the fabric recorded.
 */
public final class ChaosRun {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** Kafka-native callers send a quarter of the kinds they can send. */
    static final int KAFKA_ONE_IN = 4;

    private ChaosRun() {}

    public static ChaosVerdict run(ChaosOptions options, PrintStream log) throws Exception {
        SpecificRecords.trustGeneratedClasses();
        Instant began = Instant.now();
        log.println("chaos: starting 3 brokers, 2 routers, 2 gateways, 3 executors in " + options.dataDir() + " ...");
        try (ChaosCluster cluster = ChaosCluster.start(options)) {
            log.printf(
                    "chaos: cluster up in %d s; gateways %s%n",
                    Duration.between(began, Instant.now()).toSeconds(), cluster.gatewayUrls());
            HttpCaller http = new HttpCaller(cluster.gatewayUrls(), table());
            String bootstrap = cluster.stack().bootstrap();
            String registry = cluster.stack().registryUrl();
            try (KafkaCaller kafka = new KafkaCaller(bootstrap, registry);
                    Ledger ledger = new Ledger(bootstrap, registry)) {
                List<TrackedCall> calls = plan(options);
                AtomicInteger next = new AtomicInteger();
                AtomicInteger sent = new AtomicInteger();
                FaultInjector injector = new FaultInjector(cluster, http, options, sent::get);
                Instant driving = Instant.now();
                injector.start();
                ExecutorService callers = Executors.newFixedThreadPool(options.callers());
                for (int c = 0; c < options.callers(); c++) {
                    callers.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < calls.size(); ) {
                            TrackedCall call = calls.get(i);
                            if (call.route.equals("kafka")) {
                                kafka.call(call);
                            } else {
                                http.call(call, i % 2);
                            }
                            sent.incrementAndGet();
                        }
                    });
                }
                callers.shutdown();
                while (!callers.awaitTermination(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.printf(
                            "chaos: %d of %d calls sent after %d s%n",
                            sent.get(),
                            calls.size(),
                            Duration.between(driving, Instant.now()).toSeconds());
                }
                log.printf(
                        "chaos: all %d calls sent after %d s; waiting for the faults to heal ...%n",
                        calls.size(), Duration.between(driving, Instant.now()).toSeconds());
                List<Fault> faults = injector.awaitHealed();
                drain(calls, ledger, options.drainTimeout(), log);
                faults = withReruns(faults, calls, ledger);
                return ChaosVerdict.of(calls, ledger, faults, Duration.between(driving, Instant.now()));
            }
        }
    }

    /** The calls of the run, from the seed: kind, route and an id carried in the arguments. */
    static List<TrackedCall> plan(ChaosOptions options) {
        Random random = new Random(options.seed());
        List<TrackedCall> calls = new ArrayList<>(options.calls());
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < options.calls(); i++) {
            CallKind kind = CallKind.pick(random);
            boolean overKafka = kind.overKafkaToo() && random.nextInt(KAFKA_ONE_IN) == 0;
            calls.add(new TrackedCall(i, kind, overKafka ? "kafka" : "http", "chaos-" + run + "-" + i));
        }
        return calls;
    }

    private static void drain(List<TrackedCall> calls, Ledger ledger, Duration timeout, PrintStream log)
            throws InterruptedException {
        Instant limit = Instant.now().plus(timeout);
        long pending;
        do {
            pending = calls.stream()
                    .map(call -> ChaosVerdict.callIdOf(call, ledger))
                    .filter(id -> id != null)
                    .filter(id ->
                            ledger.history(id) == null || !ledger.history(id).ended())
                    .count();
            if (pending == 0) {
                return;
            }
            Thread.sleep(1_000);
        } while (Instant.now().isBefore(limit));
        log.printf("chaos: %d accepted calls had not ended %s after the last was sent%n", pending, timeout);
    }

    /**
     * For a killed executor: how long until the last of the calls it was running started again elsewhere (a call
     * started there before the kill, with a later start after it).
     */
    private static List<Fault> withReruns(List<Fault> faults, List<TrackedCall> calls, Ledger ledger) {
        List<Fault> measured = new ArrayList<>();
        for (Fault fault : faults) {
            if (fault.kind() != Fault.Kind.KILL_EXECUTOR) {
                measured.add(fault);
                continue;
            }
            Duration longest = null;
            for (TrackedCall call : calls) {
                String callId = ChaosVerdict.callIdOf(call, ledger);
                if (callId == null) {
                    continue;
                }
                List<Ledger.Start> starts = ledger.starts(callId);
                boolean ranThere = starts.stream()
                        .anyMatch(s -> s.executorId().equals(fault.target()) && s.at().isBefore(fault.at()));
                Instant again = starts.stream()
                        .map(Ledger.Start::at)
                        .filter(at -> at.isAfter(fault.at()))
                        .min(Instant::compareTo)
                        .orElse(null);
                if (ranThere && again != null) {
                    Duration rerun = Duration.between(fault.at(), again);
                    longest = longest == null || rerun.compareTo(longest) > 0 ? rerun : longest;
                }
            }
            measured.add(fault.withCallsRerun(longest));
        }
        return measured;
    }

    /** A small CSV, new to the store, that every table call uploads and names by hash. */
    static byte[] table() {
        StringBuilder csv = new StringBuilder("id,salt\n");
        String salt = UUID.randomUUID().toString();
        for (int i = 0; i < 2_000; i++) {
            csv.append(i).append(',').append(salt).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
