package dev.computefabric.infra.stack;

import dev.computefabric.kafka.SchemaProvisioner;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric's infrastructure on this machine, each part in its own JVM: a single-node KRaft broker, an
 * S3 server and the schema registry, with the fabric topics provisioned. More children (router, gateway,
 * executors) join with {@link #startChild}; {@link #close()} stops them all, newest first.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.builder().dataDir(Path.of("target/stack")).build().start()) {
 *     stack.startChild("router", "result-router", "dev.computefabric.router.RouterMain",
 *             List.of("--bootstrap", stack.bootstrap()), List.of("-Xmx256m"), Map.of());
 * }
 * }</pre>
 *
 * <p>Children die with this JVM even when it is killed (they watch its pid), and a shutdown hook stops
 * them gracefully on a normal exit.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private enum State {
        NEW,
        STARTING,
        STARTED,
        CLOSED
    }

    /** Where the infrastructure serves, as its children announced. */
    private record Addresses(String bootstrap, String s3Endpoint, String registryUrl) {}

    private final StackOptions options;
    private final FabricHome home;
    private final List<ChildJvm> children = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "fabric-stack-shutdown");
    private State state = State.NEW;
    private Addresses addresses;

    EmbeddedStack(StackOptions options, FabricHome home) {
        this.options = options;
        this.home = home;
    }

    /** Options default to {@link StackOptions}' {@code DEFAULT_*} constants; only the data directory is required. */
    public static StackBuilder builder() {
        return new StackBuilder();
    }

    /**
     * Starts the broker, S3 server and registry in parallel, waits until each is ready, then provisions
     * the fabric topics. On failure everything started so far is stopped again.
     */
    public EmbeddedStack start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("a stack starts once; this one is " + state);
            }
            state = State.STARTING;
        }
        // Registered first, so an interrupted start (Ctrl-C) stops what it launched. No lock is held while
        // children start: the hook's close() must not wait for the start it interrupts.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long began = System.nanoTime();
        Duration provisioning;
        try {
            Addresses addresses = launchInfrastructure();
            long provisioningBegan = System.nanoTime();
            provision(addresses);
            provisioning = Duration.ofNanos(System.nanoTime() - provisioningBegan);
            synchronized (this) {
                if (state != State.STARTING) {
                    throw new IllegalStateException("the stack was closed while it started");
                }
                this.addresses = addresses;
                state = State.STARTED;
            }
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        LOG.info(
                "stack up in {} ms (ready after: {}; topics and schemas {} ms): kafka {}, s3 {}, registry {}, logs in {}",
                Duration.ofNanos(System.nanoTime() - began).toMillis(),
                children().stream()
                        .map(child -> child.name() + " " + child.readyAfter().toMillis() + " ms")
                        .toList(),
                provisioning.toMillis(),
                addresses.bootstrap(),
                addresses.s3Endpoint(),
                addresses.registryUrl(),
                logDir());
        return this;
    }

    private Addresses launchInfrastructure() {
        Path brokerDir = dataDir().resolve("kafka");
        List<Integer> ports = Ports.free(2);
        int brokerPort = options.brokerPort() != StackOptions.ANY_PORT ? options.brokerPort() : ports.get(0);
        BrokerConfig broker =
                new BrokerConfig(brokerDir.resolve("data"), brokerPort, ports.get(1), options.brokerProfile());
        Path serverProperties = brokerDir.resolve("server.properties");
        broker.write(serverProperties);

        InfraChildren infra = new InfraChildren(home, options);
        // Broker and S3 start side by side; the registry stores its schemas in Kafka, so it follows the broker.
        ChildJvm kafka = launch(infra.broker(serverProperties, broker.clusterId()));
        ChildJvm s3 = launch(infra.s3(dataDir().resolve("s3")));
        kafka.awaitReady();
        ChildJvm registry = launch(infra.registry(kafka.address()));
        ChildJvm.awaitReady(List.of(s3, registry));
        return new Addresses(kafka.address(), s3.address(), registry.address());
    }

    /** The fabric's topics, then the contract's schemas: both exist before any component or client starts. */
    private void provision(Addresses addresses) {
        TopicProvisioner.Options topics = new TopicProvisioner.Options(
                options.partitions(), TopicProvisioner.DEFAULT_REPLICATION_FACTOR, TopicProvisioner.DEFAULT_TIMEOUT);
        try (Admin admin = Admin.create(TopicProvisioner.adminConfig(addresses.bootstrap()))) {
            new TopicProvisioner(topics).ensureFabricTopics(admin);
        }
        new SchemaProvisioner(new SchemaRegistryClient(addresses.registryUrl())).registerContract();
    }

    private synchronized ChildJvm launch(ChildSpec spec) {
        if (state != State.STARTING && state != State.STARTED) {
            throw new IllegalStateException("cannot start " + spec.name() + ": the stack is " + state);
        }
        ChildJvm child = ChildJvm.launch(spec, logDir());
        children.add(child);
        return child;
    }

    /**
     * Starts a child JVM running {@code mainClass} from {@code module} (a directory under the repository
     * root, e.g. {@code result-router}) and waits until it is ready. It is stopped with the stack.
     */
    public ChildJvm startChild(
            String name,
            String module,
            String mainClass,
            List<String> args,
            List<String> jvmOptions,
            Map<String, String> env) {
        return startChild(home.child(name, module, mainClass)
                .args(args)
                .jvmOptions(jvmOptions)
                .env(env)
                .readyTimeout(options.readyTimeout())
                .build());
    }

    /** Starts a child JVM and waits until it is ready. It is stopped with the stack. */
    public ChildJvm startChild(ChildSpec spec) {
        synchronized (this) {
            requireStarted();
        }
        ChildJvm child = launch(spec);
        // Outside the lock: other children may start in parallel, and close() must not wait for this one.
        child.awaitReady();
        return child;
    }

    /**
     * Stops every child, newest first, each with SIGTERM and a grace period. Idempotent; also runs as a
     * shutdown hook. A child that fails to stop does not keep the others running.
     */
    @Override
    public void close() {
        List<ChildJvm> toStop;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            toStop = new ArrayList<>(children);
        }
        removeShutdownHook();
        RuntimeException failure = null;
        for (int i = toStop.size() - 1; i >= 0; i--) {
            ChildJvm child = toStop.get(i);
            try {
                child.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new IllegalStateException("some stack children did not stop; see " + logDir());
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and will run the hook, which finds the stack closed.
            LOG.debug("JVM shutting down; the stack's shutdown hook stays registered", e);
        }
    }

    /** The broker's bootstrap address, {@code 127.0.0.1:<port>}. */
    public synchronized String bootstrap() {
        requireStarted();
        return addresses.bootstrap();
    }

    /** The schema registry's base URL, {@code http://127.0.0.1:<port>}. */
    public synchronized String registryUrl() {
        requireStarted();
        return addresses.registryUrl();
    }

    /** The S3 endpoint, {@code http://127.0.0.1:<port>}; clients must use path-style access. */
    public synchronized String s3Endpoint() {
        requireStarted();
        return addresses.s3Endpoint();
    }

    public String s3Bucket() {
        return options.s3Bucket();
    }

    public String s3AccessKey() {
        return options.s3AccessKey();
    }

    public String s3SecretKey() {
        return options.s3SecretKey();
    }

    public Path dataDir() {
        return options.dataDir();
    }

    /** Where each child writes {@code <name>.log}. */
    public Path logDir() {
        return options.dataDir().resolve("logs");
    }

    public StackOptions options() {
        return options;
    }

    public FabricHome home() {
        return home;
    }

    /** The children started so far, oldest first: the broker, the S3 server, the registry, then the rest. */
    public synchronized List<ChildJvm> children() {
        return List.copyOf(children);
    }

    private void requireStarted() {
        if (state != State.STARTED) {
            throw new IllegalStateException("the stack is " + state + "; call start() first (and not after close())");
        }
    }
}
