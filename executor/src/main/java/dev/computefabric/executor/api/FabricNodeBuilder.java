package dev.computefabric.executor.api;

import dev.computefabric.executor.DispatchMode;
import dev.computefabric.executor.ExecutorNode;
import dev.computefabric.executor.ExecutorOptions;
import dev.computefabric.executor.deploy.FunctionSetup;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.load.LoadLimits;
import dev.computefabric.executor.run.RetryPolicy;
import dev.computefabric.schemas.Capset;
import dev.computefabric.tables.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Settings of a {@link FabricNode}; {@link #bootstrap} and {@link #registry} are required, everything else has a
 * default. {@link #start()} connects and returns once the node takes calls.
 */
public final class FabricNodeBuilder {

    public static final int DEFAULT_SLOTS = ExecutorOptions.DEFAULT_SLOTS;
    public static final String DEFAULT_GROUP = ExecutorOptions.DEFAULT_GROUP;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = ExecutorOptions.DEFAULT_DRAIN_TIMEOUT;
    /** A share group takes ~5 s from subscribe to its first record on a fresh broker (FINDINGS); leave room. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private String bootstrap;
    private String registry;
    private String s3Endpoint;
    private String s3Bucket = S3Settings.DEFAULT_BUCKET;
    private String s3AccessKey = S3Settings.DEFAULT_ACCESS_KEY;
    private String s3SecretKey = S3Settings.DEFAULT_SECRET_KEY;
    private String s3Region = S3Settings.DEFAULT_REGION;
    private final List<String> capabilities = new ArrayList<>();
    private int slots = DEFAULT_SLOTS;
    private String id;
    private String group = DEFAULT_GROUP;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
    private final List<FabricFunction> functions = new ArrayList<>();
    private final List<Path> functionJars = new ArrayList<>();
    private Path scripts;
    private boolean builtins = true;
    private boolean allowInlineCode;
    private boolean containers;
    private final List<String> containerRunOptions = new ArrayList<>();

    FabricNodeBuilder() {}

    /** Kafka bootstrap servers, {@code host:port[,host:port]}. Required. */
    public FabricNodeBuilder bootstrap(String bootstrap) {
        this.bootstrap = bootstrap;
        return this;
    }

    /** The schema registry's base URL, e.g. {@code http://127.0.0.1:8081}. Required. */
    public FabricNodeBuilder registry(String registry) {
        this.registry = registry;
        return this;
    }

    /** The S3 endpoint of table storage; without it only tables small enough to travel inline work. */
    public FabricNodeBuilder s3(String endpoint) {
        this.s3Endpoint = endpoint;
        return this;
    }

    /** The bucket of table storage (default {@value S3Settings#DEFAULT_BUCKET}). */
    public FabricNodeBuilder s3Bucket(String bucket) {
        this.s3Bucket = bucket;
        return this;
    }

    /** Credentials of table storage (default: the embedded stack's). */
    public FabricNodeBuilder s3Credentials(String accessKey, String secretKey) {
        this.s3AccessKey = accessKey;
        this.s3SecretKey = secretKey;
        return this;
    }

    /** The region of table storage (default {@value S3Settings#DEFAULT_REGION}). */
    public FabricNodeBuilder s3Region(String region) {
        this.s3Region = region;
        return this;
    }

    /** Capability tags this node has, e.g. {@code gpu}; it serves every call topic whose tags it has. */
    public FabricNodeBuilder capabilities(String... tags) {
        return capabilities(Arrays.asList(tags));
    }

    public FabricNodeBuilder capabilities(Collection<String> tags) {
        this.capabilities.addAll(tags);
        return this;
    }

    /** How many slots calls may occupy at once (default {@value #DEFAULT_SLOTS}). */
    public FabricNodeBuilder slots(int slots) {
        this.slots = slots;
        return this;
    }

    /** The node's id (default {@code <hostname>-<random>}): its catalog and presence key. */
    public FabricNodeBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** The group all executors share (default {@value #DEFAULT_GROUP}). */
    public FabricNodeBuilder group(String group) {
        this.group = group;
        return this;
    }

    /** On {@link FabricNode#close()}, how long running calls may take to finish (default 30 s). */
    public FabricNodeBuilder drainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
        return this;
    }

    /** How long {@link #start()} waits for the node to join the executor group (default 60 s). */
    public FabricNodeBuilder readyTimeout(Duration readyTimeout) {
        this.readyTimeout = readyTimeout;
        return this;
    }

    /** A function to serve; see {@code TypedFunction} for functions over Java records. */
    public FabricNodeBuilder function(FabricFunction function) {
        if (function == null) {
            throw new IllegalArgumentException("function must not be null");
        }
        this.functions.add(function);
        return this;
    }

    public FabricNodeBuilder functions(Collection<? extends FabricFunction> functions) {
        functions.forEach(this::function);
        return this;
    }

    /**
     * A jar, or a folder of jars, whose {@code FabricFunction}s ({@code META-INF/services}) the node serves, each
     * jar in a class loader of its own.
     */
    public FabricNodeBuilder functionJars(Path jarOrFolder) {
        this.functionJars.add(jarOrFolder);
        return this;
    }

    /**
     * A folder of scripts with headers ({@code #name:}, {@code #language:}, {@code #input:}, ...) to serve, each as
     * a function; scripts added, changed or removed there take effect while the node runs.
     */
    public FabricNodeBuilder scripts(Path folder) {
        this.scripts = folder;
        return this;
    }

    /** Whether the built-in functions ({@code echo}, {@code sleep}, {@code table.*}) are served too (default yes). */
    public FabricNodeBuilder builtins(boolean builtins) {
        this.builtins = builtins;
        return this;
    }

    /**
     * Serve {@code python} with code sent in the call (default no): anyone who can submit calls can then run any
     * code on this node.
     */
    public FabricNodeBuilder allowInlineCode(boolean allow) {
        this.allowInlineCode = allow;
        return this;
    }

    /**
     * Run containers (the {@code container} function, scripts with {@code #language: container}) through podman or
     * docker, whichever works here (default no). The node then carries the capability {@code container}.
     *
     * @param runOptions options for every {@code run} on this host, e.g. {@code --runtime runc}
     */
    public FabricNodeBuilder containers(boolean enable, String... runOptions) {
        this.containers = enable;
        this.containerRunOptions.addAll(Arrays.asList(runOptions));
        return this;
    }

    /**
     * Connects to Kafka, the schema registry and table storage, and returns once the node takes calls.
     *
     * @throws IllegalArgumentException a setting is missing or wrong; the message names it
     * @throws FabricNodeException      the node could not start (a service unreachable, not ready in time)
     */
    public FabricNode start() {
        if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be positive, got " + readyTimeout);
        }
        FunctionSetup.Assembled assembled = new FunctionSetup(
                        builtins,
                        allowInlineCode,
                        functions,
                        functionJars,
                        scripts,
                        FunctionSetup.DEFAULT_SCAN_INTERVAL,
                        containers,
                        containerRunOptions)
                .assemble();
        ExecutorOptions options;
        ExecutorNode node;
        try {
            options = options(assembled.runtimeTags());
        } catch (RuntimeException e) {
            assembled.close();
            throw e;
        }
        try {
            node = ExecutorNode.builder(options)
                    .functions(assembled.functions())
                    .closeAfterRun(assembled.resources())
                    .build();
        } catch (IllegalArgumentException e) {
            assembled.close();
            throw e;
        } catch (RuntimeException e) {
            assembled.close();
            throw new FabricNodeException("node " + options.executorId() + " could not start: " + e.getMessage(), e);
        }
        return FabricNode.start(options, node, assembled.functions(), readyTimeout);
    }

    ExecutorOptions options(Collection<String> runtimeTags) {
        List<String> tags = new ArrayList<>(capabilities);
        tags.addAll(runtimeTags);
        S3Settings storage = s3Endpoint == null || s3Endpoint.isBlank()
                ? null
                : new S3Settings(URI.create(s3Endpoint), s3Bucket, s3AccessKey, s3SecretKey, s3Region);
        return new ExecutorOptions(
                bootstrap,
                registry,
                storage,
                Capset.of(tags),
                slots,
                id == null ? ExecutorOptions.defaultExecutorId() : id,
                group,
                drainTimeout,
                ExecutorOptions.DEFAULT_PRESENCE_INTERVAL,
                ExecutorOptions.DEFAULT_INLINE_LIMIT_BYTES,
                DispatchMode.SHARE,
                ExecutorOptions.DEFAULT_MAX_DELIVERIES,
                ExecutorOptions.DEFAULT_SESSION_TIMEOUT,
                RetryPolicy.defaults(),
                LoadLimits.defaults());
    }
}
