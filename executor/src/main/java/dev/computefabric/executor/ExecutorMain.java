package dev.computefabric.executor;

import dev.computefabric.common.ComponentMain;
import dev.computefabric.common.ProcessLink;
import dev.computefabric.executor.deploy.FunctionSetup;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.builtin.Sleep;
import dev.computefabric.executor.load.LoadLimits;
import dev.computefabric.executor.run.RetryPolicy;
import dev.computefabric.executor.telemetry.ExecutorTelemetry;
import dev.computefabric.observability.health.Health;
import dev.computefabric.observability.health.HealthCheck;
import dev.computefabric.observability.http.ObservabilityMixin;
import dev.computefabric.observability.http.ObservabilityServer;
import dev.computefabric.observability.metrics.FabricRegistry;
import dev.computefabric.observability.tracing.Tracing;
import dev.computefabric.schemas.Capset;
import dev.computefabric.tables.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs one executor until SIGTERM (or the launcher's exit), which drains it: no new calls, running calls
 * get {@code --drain-timeout}, finished work is committed, the presence record is removed.
 */
@Command(
        name = "executor",
        mixinStandardHelpOptions = true,
        versionProvider = ExecutorMain.Version.class,
        description = "A compute node: runs the function calls of the capability topics it serves.")
public final class ExecutorMain implements Callable<Integer> {

    public static final String COMPONENT = "executor";
    private static final Logger log = LoggerFactory.getLogger(ExecutorMain.class);
    /** The shutdown hook waits this much longer than the drain timeout for the node to close. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(20);

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

    @Option(
            names = "--s3",
            defaultValue = "${env:FABRIC_S3}",
            description = "S3 endpoint for tables (env FABRIC_S3); without it only inline tables work.")
    String s3;

    @Option(
            names = "--s3-bucket",
            defaultValue = S3Settings.DEFAULT_BUCKET,
            description = "Bucket (default: ${DEFAULT-VALUE}).")
    String s3Bucket;

    @Option(
            names = "--s3-access-key",
            defaultValue = S3Settings.DEFAULT_ACCESS_KEY,
            description = "Access key (default: ${DEFAULT-VALUE}).")
    String s3AccessKey;

    @Option(
            names = "--s3-secret-key",
            defaultValue = S3Settings.DEFAULT_SECRET_KEY,
            description = "Secret key (default: the embedded stack's).")
    String s3SecretKey;

    @Option(
            names = "--s3-region",
            defaultValue = S3Settings.DEFAULT_REGION,
            description = "Region (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(
            names = "--capabilities",
            split = ",",
            defaultValue = "${env:FABRIC_CAPABILITIES}",
            description = "Capability tags, comma-separated (env FABRIC_CAPABILITIES), e.g. gpu,python.")
    List<String> capabilities = List.of();

    @Option(
            names = "--detect-runtimes",
            negatable = true,
            defaultValue = "${env:FABRIC_DETECT_RUNTIMES:-true}",
            fallbackValue = "true",
            description =
                    "Add python, r, julia when python3, Rscript, julia are on the PATH"
                            + " (env FABRIC_DETECT_RUNTIMES, default: true). --no-detect-runtimes serves exactly --capabilities.")
    boolean detectRuntimes;

    @Option(
            names = "--slots",
            defaultValue = "" + ExecutorOptions.DEFAULT_SLOTS,
            description = "Slots (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--id", description = "Executor id (default: <hostname>-<random>).")
    String id;

    @Option(
            names = "--group",
            defaultValue = ExecutorOptions.DEFAULT_GROUP,
            description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(
            names = "--drain-timeout",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "On shutdown, how long running calls may take to finish (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(
            names = "--dispatch",
            defaultValue = "${env:FABRIC_DISPATCH:-share}",
            description =
                    "share (KIP-932 share group, Kafka 4.2+) or classic (consumer group) (env FABRIC_DISPATCH, default: share).")
    String dispatch;

    @Option(
            names = "--max-deliveries",
            defaultValue = "" + ExecutorOptions.DEFAULT_MAX_DELIVERIES,
            description = "Share mode: a call delivered this often is failed and dead-lettered; keep it at the group's"
                    + " share.delivery.count.limit (default: ${DEFAULT-VALUE}).")
    int maxDeliveries;

    @Option(
            names = "--session-timeout",
            defaultValue = "45s",
            converter = DurationConverter.class,
            description = "Classic mode: how long a crashed executor keeps its partitions (default: ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(
            names = "--max-retries",
            defaultValue = "" + RetryPolicy.DEFAULT_MAX_RETRIES,
            description =
                    "Retries of a retryable failure; a call may set its own with args {\"retry\": {\"max\": N}} (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(
            names = "--max-load-per-core",
            defaultValue = "" + LoadLimits.DEFAULT_MAX_LOAD_PER_CORE,
            description =
                    "Take no calls while the 1-minute load average per core is above this; 0 = off (default: ${DEFAULT-VALUE}).")
    double maxLoadPerCore;

    @Option(
            names = "--min-free-memory",
            defaultValue = "" + LoadLimits.DEFAULT_MIN_FREE_MEMORY,
            description =
                    "Take no calls while less than this fraction of memory is available; 0 = off (default: ${DEFAULT-VALUE}).")
    double minFreeMemory;

    @Option(
            names = "--functions",
            paramLabel = "PATH",
            description = "A jar, or a folder of jars, whose FabricFunction implementations (listed in"
                    + " META-INF/services/dev.computefabric.executor.function.FabricFunction) this node serves."
                    + " Repeatable.")
    List<Path> functionJars = List.of();

    @Option(
            names = "--scripts",
            paramLabel = "DIR",
            description = "Serve every script in DIR as a function (header: #name:, #language:, #input:, #output:);"
                    + " scripts added, changed or removed there take effect while the node runs. Adds the tag of"
                    + " every script language whose interpreter is on the PATH (python, r, bash, node, julia).")
    Path scripts;

    @Option(
            names = "--scan-interval",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "How often the --scripts folder is looked at for changes (default: ${DEFAULT-VALUE}).")
    Duration scanInterval;

    @Option(
            names = "--containers",
            description = "Run containers through podman or docker, whichever works here: the container function"
                    + " and #language: container scripts; adds the capability container (default: off).")
    boolean containers;

    @Option(
            names = "--container-option",
            paramLabel = "OPTION",
            description = "An option for every container run on this host, e.g. --container-option=--runtime=runc."
                    + " Repeatable.")
    List<String> containerOptions = List.of();

    @Option(
            names = "--allow-inline-code",
            description = "Serve the python function, which runs code sent in the call: anyone who can submit calls"
                    + " can then run any code on this node (default: off).")
    boolean allowInlineCode;

    @Option(
            names = "--slowdown",
            defaultValue = "1",
            description =
                    "Simulate a slower node for benchmarks: the sleep function takes this many times longer (default: ${DEFAULT-VALUE}).")
    double slowdown;

    @Mixin
    ObservabilityMixin endpoint;

    public static void main(String[] args) {
        ProcessLink.attach(COMPONENT);
        ComponentMain.run(
                COMPONENT,
                () -> new CommandLine(new ExecutorMain())
                        .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                            // Bad options and unreachable services are the user's to fix: the message, not a stack
                            // trace.
                            commandLine
                                    .getErr()
                                    .println(COMPONENT + ": " + e.getMessage()
                                            + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                            return e instanceof IllegalArgumentException ? 2 : 1;
                        })
                        .execute(args));
    }

    @Override
    public Integer call() {
        FunctionSetup.Assembled functions = functionSetup().assemble();
        ExecutorOptions options;
        PrometheusMeterRegistry meters;
        AtomicBoolean dispatching = new AtomicBoolean();
        Health health;
        Optional<ObservabilityServer> observability;
        Tracing tracing;
        ExecutorNode executor;
        try {
            options = options(functions.runtimeTags());
            meters = FabricRegistry.create(COMPONENT, options.executorId());
            Thread dispatcher = Thread.currentThread();
            health = new Health()
                    .live("dispatcher", HealthCheck.of(dispatcher::isAlive, "the dispatching thread ended"))
                    .ready("dispatching", HealthCheck.of(dispatching::get, "not taking calls (joining or draining)"));
            observability = endpoint.serve(COMPONENT, options.executorId(), meters, health);
            tracing = Tracing.fromEnvironment("fabric-executor");
            executor = ExecutorNode.builder(options)
                    .functions(functions.functions())
                    .closeAfterRun(functions.resources())
                    .telemetry(new ExecutorTelemetry(Optional.of(meters), tracing))
                    .health(health)
                    .build();
        } catch (RuntimeException e) {
            functions.close();
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            dispatching.set(false);
                            executor.requestStop();
                            try {
                                executor.awaitStopped(options.drainTimeout().plus(CLOSE_MARGIN));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "executor-shutdown"));
        try {
            executor.run(() -> {
                dispatching.set(true);
                ProcessLink.ready(COMPONENT, options.executorId());
            });
        } finally {
            tracing.close();
            observability.ifPresent(ObservabilityServer::close);
        }
        return 0;
    }

    /** {@code --version}: the build version, as the presence record reports it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fabric executor " + BuildInfo.version()};
        }
    }

    FunctionSetup functionSetup() {
        List<FabricFunction> replacements = slowdown == 1.0 ? List.of() : List.of(new Sleep(slowdown));
        return new FunctionSetup(
                true,
                allowInlineCode,
                replacements,
                functionJars == null ? List.of() : functionJars,
                scripts,
                scanInterval == null ? FunctionSetup.DEFAULT_SCAN_INTERVAL : scanInterval,
                containers,
                containerOptions == null ? List.of() : containerOptions);
    }

    ExecutorOptions options() {
        return options(List.of());
    }

    /** @param runtimeTags tags of the script runtimes the node found: it serves their topics whatever else is set */
    ExecutorOptions options(java.util.Collection<String> runtimeTags) {
        List<String> declared = new java.util.ArrayList<>(capabilities == null ? List.of() : capabilities);
        declared.addAll(runtimeTags);
        Capset capset =
                detectRuntimes ? Capabilities.detect(declared, ExecutablesOnPath.system()) : Capset.of(declared);
        S3Settings storage = s3 == null || s3.isBlank()
                ? null
                : new S3Settings(URI.create(s3), s3Bucket, s3AccessKey, s3SecretKey, s3Region);
        return new ExecutorOptions(
                bootstrap,
                registry,
                storage,
                capset,
                slots,
                id == null ? ExecutorOptions.defaultExecutorId() : id,
                group,
                drainTimeout,
                ExecutorOptions.DEFAULT_PRESENCE_INTERVAL,
                ExecutorOptions.DEFAULT_INLINE_LIMIT_BYTES,
                DispatchMode.parse(dispatch),
                maxDeliveries,
                sessionTimeout,
                RetryPolicy.defaults().withMaxRetries(maxRetries),
                new LoadLimits(maxLoadPerCore, minFreeMemory));
    }
}
