package dev.computefabric.router;

import dev.computefabric.common.ComponentMain;
import dev.computefabric.common.ProcessLink;
import dev.computefabric.observability.http.ObservabilityMixin;
import dev.computefabric.observability.metrics.FabricRegistry;
import dev.computefabric.router.telemetry.RouterHealth;
import dev.computefabric.router.telemetry.RouterMeters;
import dev.computefabric.router.timers.TimerOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the result router until SIGTERM (or until its launcher exits). */
@Command(
        name = "router",
        mixinStandardHelpOptions = true,
        description = "The result router: call lifecycle, fabric.status and reply routing (Kafka Streams).")
public final class RouterMain implements Callable<Integer> {

    public static final String COMPONENT = "router";
    /** How long the first assignment may take before the router gives up starting. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(RouterMain.class);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--bootstrap",
            defaultValue = "${env:FABRIC_BOOTSTRAP}",
            description = "Kafka bootstrap servers (env FABRIC_BOOTSTRAP).")
    String bootstrap;

    @Option(
            names = "--registry",
            defaultValue = "${env:FABRIC_REGISTRY}",
            description = "Schema registry URL (env FABRIC_REGISTRY).")
    String registry;

    @Option(names = "--application-id", description = "Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId = RouterOptions.DEFAULT_APPLICATION_ID;

    @Option(names = "--state-dir", description = "State store directory (default: ${DEFAULT-VALUE}).")
    Path stateDir = RouterOptions.DEFAULT_STATE_DIR;

    @Option(names = "--commit-interval-ms", description = "Commit interval in ms (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs = RouterOptions.DEFAULT_COMMIT_INTERVAL.toMillis();

    @Option(
            names = "--processing-guarantee",
            description = "at_least_once or exactly_once_v2 (default: ${DEFAULT-VALUE}).")
    String processingGuarantee = RouterOptions.DEFAULT_PROCESSING_GUARANTEE;

    @Option(names = "--threads", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads = RouterOptions.DEFAULT_THREADS;

    @Option(
            names = "--timer-tick-ms",
            description = "How often deadlines are checked, in ms (default: ${DEFAULT-VALUE}).")
    long timerTickMs = TimerOptions.DEFAULT_TICK.toMillis();

    @Option(
            names = "--retention-ms",
            description = "How long an ended call is kept, in ms (default: ${DEFAULT-VALUE}).")
    long retentionMs = TimerOptions.DEFAULT_RETENTION.toMillis();

    @Option(
            names = "--max-call-lifetime-ms",
            description =
                    "Deadline of calls that name no timeout, in ms: they end TIMED_OUT (default: ${DEFAULT-VALUE}).")
    long maxLifetimeMs = TimerOptions.DEFAULT_MAX_LIFETIME.toMillis();

    @Option(
            names = "--status-grace-ms",
            description = "How long a running call's status waits before it is published; a call that ends sooner"
                    + " publishes only its end (default: ${DEFAULT-VALUE}).")
    long statusGraceMs = TimerOptions.DEFAULT_STATUS_GRACE.toMillis();

    @Option(
            names = "--session-timeout-ms",
            description = "How long a router that crashed keeps its partitions before the others take them over, in ms;"
                    + " the broker's minimum is 6000 by default (default: ${DEFAULT-VALUE}).")
    long sessionTimeoutMs = RouterOptions.DEFAULT_SESSION_TIMEOUT.toMillis();

    @Mixin
    ObservabilityMixin endpoint;

    public static void main(String[] args) {
        ProcessLink.attach(COMPONENT);
        ComponentMain.run(COMPONENT, () -> new CommandLine(new RouterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RouterOptions options = options();
        endpoint.options(); // a bad --metrics-* is a usage error before anything starts
        PrometheusMeterRegistry meters = FabricRegistry.create(COMPONENT, options.applicationId());
        RunningRouter router = RunningRouter.start(options, new RouterMeters(meters));
        // SIGTERM, Ctrl-C and ProcessLink's exit all run this: the stores are flushed and offsets committed.
        Runtime.getRuntime().addShutdownHook(new Thread(router::close, COMPONENT + "-shutdown"));
        endpoint.serve(COMPONENT, options.applicationId(), meters, RouterHealth.of(router))
                .ifPresent(server -> Runtime.getRuntime()
                        .addShutdownHook(new Thread(server::close, COMPONENT + "-observability-shutdown")));
        if (!router.awaitRunning(DEFAULT_START_TIMEOUT)) {
            log.error(
                    "router did not reach RUNNING within {} (state {}); are the fabric topics provisioned?",
                    DEFAULT_START_TIMEOUT,
                    router.state());
            router.close();
            return 1;
        }
        ProcessLink.ready(COMPONENT, options.applicationId());
        // Block until Streams stops, so an ERROR state ends the process with a failure the launcher sees.
        KafkaStreams.State last = router.stopped().get();
        return last == KafkaStreams.State.ERROR ? 1 : 0;
    }

    /** The options, or a usage error naming the bad one (also for a missing FABRIC_BOOTSTRAP/FABRIC_REGISTRY). */
    private RouterOptions options() {
        try {
            return new RouterOptions(
                    bootstrap,
                    registry,
                    applicationId,
                    stateDir,
                    Duration.ofMillis(commitIntervalMs),
                    processingGuarantee,
                    threads,
                    RouterOptions.DEFAULT_CLOSE_TIMEOUT,
                    Duration.ofMillis(sessionTimeoutMs),
                    new TimerOptions(
                            Duration.ofMillis(timerTickMs),
                            Duration.ofMillis(retentionMs),
                            Duration.ofMillis(maxLifetimeMs),
                            Duration.ofMillis(statusGraceMs)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
