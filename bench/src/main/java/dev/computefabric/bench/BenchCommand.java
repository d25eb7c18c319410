package dev.computefabric.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./fabric bench SCENARIO}: measures the fabric against the raw Kafka floor on the same broker. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the fabric against its floor: the same hops over plain Kafka",
            "(plain S3 for tables), same broker, same client settings. Starts its own",
            "fabric unless --gateway is given. Details: docs/benchmarks.md",
            ""
        },
        footer = {
            "",
            "Scenarios (default calls):",
            "  latency     echo calls one at a time: p50..p999 (5000)",
            "  throughput  echo calls, --in-flight at once or open loop at --rate (20000)",
            "  sleep       --sleep-ms calls, all at once on 2 x 8 slots: efficiency (400)",
            "  skew        the same on 10 + 5 slots and 1 slot at slowdown 4 (400)",
            "  scale       sleep on 1, 2 and 4 executors of 4 slots (--sleep-ms 200): calls/s and speed-up (400)",
            "  priority    20 calls behind --calls NORMAL sleeps (--sleep-ms 20) on 2 x 2 slots, as NORMAL and as",
            "              HIGH calls: their wait from submission to start, p50/p99 (1000; over Kafka)",
            "  table       a --size CSV uploaded, copied by an executor, downloaded: MiB/s",
            "  idle        nothing submitted: CPU of every process over --seconds, %% of one core",
            "",
            "Examples:",
            "  ./fabric bench latency --path kafka --json",
            "  ./fabric bench throughput --rate 2000 --calls 20000"
        })
public final class BenchCommand implements Callable<Integer> {

    enum Scenario {
        idle,
        latency,
        throughput,
        sleep,
        skew,
        scale,
        priority,
        table
    }

    static final long PRIORITY_SLEEP_MS = 20;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "${COMPLETION-CANDIDATES}")
    Scenario scenario;

    @Option(
            names = "--path",
            paramLabel = "http|kafka",
            description =
                    "Submit over the gateway's HTTP API or straight to Kafka with the SDK (default: ${DEFAULT-VALUE}).")
    Scenarios.Path path = Scenarios.Path.http;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    boolean json;

    @Option(names = "--calls", paramLabel = "N", description = "Measured calls (default: per scenario, above).")
    Integer calls;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Calls per warm-up round on fabric and floor, discarded; rounds repeat until the JIT"
                    + " compilers of every process take at most 5 %% of a round's CPU (default: ${DEFAULT-VALUE}).")
    int warmup = 2_000;

    @Option(
            names = "--in-flight",
            paramLabel = "N",
            description =
                    "throughput: calls outstanding at once; with --rate the most outstanding (default: ${DEFAULT-VALUE}).")
    int inFlight = 64;

    @Option(
            names = "--rate",
            paramLabel = "CALLS/S",
            description = "throughput: open loop at this rate; latency counts from when each call was due.")
    Double rate;

    @Option(
            names = "--sleep-ms",
            paramLabel = "MS",
            description =
                    "sleep, skew, scale, priority: duration of each call (default: 50; scale 200, I/O-bound calls; priority 20).")
    Long sleepMs;

    @Option(
            names = "--size",
            paramLabel = "BYTES",
            description = "table: table size, e.g. 64m, 1g (default: ${DEFAULT-VALUE}).")
    String size = "1g";

    @Option(
            names = "--seconds",
            paramLabel = "S",
            description = "idle: how long to measure, after the fabric settled (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    @Option(
            names = "--blocks",
            paramLabel = "N",
            description =
                    "latency, throughput: fabric and floor take turns in N blocks each (default: ${DEFAULT-VALUE}).")
    int blocks = 4;

    @Option(
            names = "--trace",
            description =
                    "latency, throughput: where the time goes, hop by hop (switches the fabric's topics to LogAppendTime).")
    boolean trace;

    @Option(
            names = "--priority-topics",
            description =
                    "Creates the HIGH and LOW calls topics before measuring, as on a fabric that has seen calls of"
                            + " every priority: each executor lane then reads three consumers instead of one.")
    boolean priorityTopics;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description = "Measure a running fabric at this gateway (needs --bootstrap).")
    String gateway;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "The running fabric's Kafka: the floor runs there.")
    String bootstrap;

    @Option(
            names = "--registry",
            paramLabel = "URL",
            description = "The running fabric's schema registry (--path kafka).")
    String registry;

    @Option(
            names = "--s3",
            paramLabel = "URL",
            description = "The running fabric's S3 (table floor; embedded stack's bucket and keys).")
    String s3;

    @Option(
            names = "--capacity",
            paramLabel = "SLOTS",
            description =
                    "The running fabric's slots, for the ideal makespan of sleep and skew (default: ${DEFAULT-VALUE}).")
    double capacity = 16;

    @Override
    public Integer call() throws Exception {
        Scenarios.Settings settings = new Scenarios.Settings(
                path,
                calls,
                warmup,
                inFlight,
                rate,
                sleepMs != null ? sleepMs : defaultSleepMs(scenario),
                parseSize(size),
                trace,
                Math.max(1, blocks),
                Math.max(1, seconds));
        if (gateway != null) {
            if (scenario == Scenario.scale) {
                throw new IllegalArgumentException("scale starts fabrics of 1, 2 and 4 executors: not with --gateway");
            }
            if (trace) {
                throw new IllegalArgumentException(
                        "--trace changes topic configs (LogAppendTime): only on the bench's own fabric");
            }
            if (bootstrap == null) {
                throw new IllegalArgumentException("--gateway needs --bootstrap: the floor runs on the same broker");
            }
            Target running = new Target(
                    gateway,
                    bootstrap,
                    registry,
                    null,
                    s3 == null ? null : new Target.S3(URI.create(s3), "fabric", "fabric", "fabric-secret"),
                    List.of(),
                    capacity,
                    Map.of(),
                    Map.of());
            if (scenario == Scenario.priority) {
                report(priority(running, settings));
            } else {
                report(new Scenarios(settings, running).run(scenario.name()));
            }
            return 0;
        }
        if (scenario == Scenario.priority) {
            report(OwnFabric.run(OwnFabric.nodes(scenario), priorityTopics, own -> priority(own, settings)));
            return 0;
        }
        if (scenario == Scenario.scale) {
            List<BenchReport> runs = new ArrayList<>();
            for (int executors : OwnFabric.SCALE_EXECUTORS) {
                BenchReport run = OwnFabric.run(
                        OwnFabric.scaled(executors),
                        priorityTopics,
                        own -> new Scenarios(settings, own).run(Scenario.sleep.name()));
                report(run);
                runs.add(run);
            }
            report(new ScaleReport(OwnFabric.SCALE_EXECUTORS, runs));
            return 0;
        }
        report(OwnFabric.run(
                OwnFabric.nodes(scenario), priorityTopics, own -> new Scenarios(settings, own).run(scenario.name())));
        return 0;
    }

    private static long defaultSleepMs(Scenario scenario) {
        return switch (scenario) {
            case scale -> 200;
            case priority -> PRIORITY_SLEEP_MS;
            default -> 50;
        };
    }

    private static PriorityReport priority(Target target, Scenarios.Settings settings) throws Exception {
        int backlog = settings.calls() != null ? settings.calls() : PriorityWait.DEFAULT_BACKLOG;
        return new PriorityWait(target, backlog, settings.sleepMs()).run();
    }

    private void report(Report report) {
        if (json) {
            System.out.println(report.json());
        } else {
            report.printTable(System.out);
        }
    }

    /** {@code 64m}, {@code 1g}, {@code 512k} or plain bytes. */
    static long parseSize(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long unit = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String number = unit == 1 ? value : value.substring(0, value.length() - 1);
        try {
            return Long.parseLong(number) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size must be bytes or a number with k, m or g, got '" + text + "'");
        }
    }
}
