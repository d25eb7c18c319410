package dev.computefabric.infra.stack;

import dev.computefabric.common.Futures;
import dev.computefabric.kafka.SchemaProvisioner;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric's infrastructure on this machine, each part in its own JVM: a single-node KRaft broker (or a
 * replicated cluster of three, {@link StackBuilder#brokers}), an S3 server and the schema registry, with the fabric
 * topics provisioned. More children (router, gateway,
 * executors) join with {@link #startChild}; {@link #close()} stops them side by side, then the infrastructure.
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
    /** Starts of a child, each on freshly picked ports, before a lost port race is the caller's failure. */
    private static final int PORT_ATTEMPTS = 3;

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
    private final IntFunction<List<Integer>> freePorts;
    /** Present on a secure stack: every role's password, made once per data directory. */
    private final Optional<StackCredentials> credentials;

    private final List<ChildJvm> children = new ArrayList<>();
    /** The children that are brokers, S3 and the registry: what the others need until they have stopped. */
    private final Set<ChildJvm> infrastructure = new HashSet<>();

    private final List<ChildJvm> brokers = new ArrayList<>();
    private final List<ChildSpec> brokerSpecs = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "fabric-stack-shutdown");
    private State state = State.NEW;
    private Addresses addresses;

    /** @param freePorts picks that many ports that are free now (a test's may pick a taken one) */
    EmbeddedStack(StackOptions options, FabricHome home, IntFunction<List<Integer>> freePorts) {
        this.options = options;
        this.home = home;
        this.freePorts = freePorts;
        this.credentials =
                options.secure() ? Optional.of(StackCredentials.loadOrCreate(options.dataDir())) : Optional.empty();
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
        InfraChildren infra = new InfraChildren(home, options);
        // Brokers and S3 start side by side (a cluster's nodes must: none is ready before a quorum of controllers
        // is); the registry stores its schemas in Kafka, so it follows the brokers.
        ChildJvm s3 = null;
        List<ChildSpec> specs;
        List<ChildJvm> kafka;
        for (int attempt = 1; ; attempt++) {
            specs = brokerSpecs(infra);
            kafka = specs.stream().map(this::launchInfrastructure).toList();
            if (s3 == null) {
                s3 = launchInfrastructure(infra.s3(dataDir().resolve("s3")));
            }
            try {
                ChildJvm.awaitReady(kafka);
                break;
            } catch (ChildStartException e) {
                // A port the user asked for is not picked again: that failure is theirs to see.
                if (attempt == PORT_ATTEMPTS || options.brokerPort() != StackOptions.ANY_PORT || !lostAPortRace(e)) {
                    throw e;
                }
                LOG.warn("a port picked for Kafka was taken before the broker bound it; starting it again on others");
                stopAndForget(kafka);
            }
        }
        synchronized (this) {
            brokerSpecs.addAll(specs);
            brokers.addAll(kafka);
        }
        String bootstrap =
                String.join(",", kafka.stream().map(ChildJvm::address).toList());
        if (credentials.isPresent()) {
            // Before any role connects: with no ACL the broker denies everything.
            try (Admin admin = Admin.create(TopicProvisioner.adminConfig(bootstrap, credential(FabricRole.ADMIN)))) {
                FabricAcls.apply(admin);
            }
        }
        ChildJvm registry = launchInfrastructure(infra.registry(bootstrap, credentials));
        ChildJvm.awaitReady(List.of(s3, registry));
        return new Addresses(bootstrap, s3.address(), registry.address());
    }

    /**
     * Each node's command line, on ports free a moment ago: every node's config names the controllers' ports, so they
     * are picked before any node starts, and another process may bind one first ({@link #lostAPortRace}).
     */
    private List<ChildSpec> brokerSpecs(InfraChildren infra) {
        int nodes = options.brokers();
        List<Integer> ports = freePorts.apply(2 * nodes);
        List<Integer> controllerPorts = ports.subList(nodes, 2 * nodes);
        String clusterId = null;
        List<ChildSpec> specs = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            Path brokerDir = dataDir().resolve(nodes == 1 ? "kafka" : "kafka-" + node);
            int port = nodes == 1 && options.brokerPort() != StackOptions.ANY_PORT
                    ? options.brokerPort()
                    : ports.get(node - 1);
            BrokerConfig broker = new BrokerConfig(
                    brokerDir.resolve("data"),
                    options.host(),
                    port,
                    controllerPorts.get(node - 1),
                    options.brokerProfile(),
                    node,
                    controllerPorts,
                    credentials.map(c -> c.of(FabricRole.BROKER)));
            Path serverProperties = brokerDir.resolve("server.properties");
            broker.write(serverProperties);
            // Every node of a cluster is formatted with the same id: node 1's, kept from an earlier run if any.
            clusterId = clusterId == null ? broker.clusterId() : clusterId;
            specs.add(infra.broker(
                    nodes == 1 ? InfraChildren.BROKER : InfraChildren.BROKER + "-" + node,
                    serverProperties,
                    clusterId,
                    credentials));
        }
        return specs;
    }

    /**
     * Whether a child died because a port picked for it was bound by someone else first: a port found free is only
     * free until then, and outgoing connections take their local ports from the same ephemeral range. Kafka says
     * "Address already in use", Spring Boot "Port 44077 was already in use".
     */
    private static boolean lostAPortRace(ChildStartException failure) {
        return failure.getMessage() != null && failure.getMessage().contains("already in use");
    }

    private void stopAndForget(List<ChildJvm> started) {
        for (ChildJvm child : started) {
            child.kill();
        }
        synchronized (this) {
            children.removeAll(started);
        }
    }

    /**
     * The fabric's topics and the contract's schemas, side by side (neither needs the other): both exist before any
     * component or client starts.
     */
    private void provision(Addresses addresses) {
        Optional<FabricCredentials> admin = credential(FabricRole.ADMIN);
        CompletableFuture<Void> schemas = CompletableFuture.runAsync(() ->
                new SchemaProvisioner(new SchemaRegistryClient(addresses.registryUrl(), admin)).registerContract());
        short replicationFactor = (short) Math.min(BrokerConfig.CLUSTER_REPLICATION_FACTOR, options.brokers());
        TopicProvisioner.Options topics =
                new TopicProvisioner.Options(options.partitions(), replicationFactor, TopicProvisioner.DEFAULT_TIMEOUT);
        try (Admin client = Admin.create(TopicProvisioner.adminConfig(addresses.bootstrap(), admin))) {
            new TopicProvisioner(topics).ensureFabricTopics(client);
        }
        Futures.join(schemas);
        credentials.ifPresent(
                c -> c.writeClientProperties(FabricRole.CALLER, addresses.bootstrap(), addresses.registryUrl()));
    }

    /**
     * On a secure stack, the Kafka client properties of a caller ({@link FabricRole#CALLER}): bootstrap, SASL login,
     * registry URL. Written once the topics and schemas exist; owner-only. Empty on a plaintext stack.
     */
    public Optional<Path> callerProperties() {
        return credentials.map(c -> c.clientPropertiesFile(FabricRole.CALLER));
    }

    /** Whether this stack runs secure ({@link StackBuilder#secure}). */
    public boolean secure() {
        return credentials.isPresent();
    }

    /**
     * What {@code role} logs in with on a secure stack (its Kafka SCRAM user, also its registry login); empty on a
     * plaintext one. Components get theirs in their environment ({@link FabricComponents}).
     */
    public Optional<FabricCredentials> credential(FabricRole role) {
        return credentials.map(c -> c.of(role));
    }

    /** The KRaft nodes as they run now, node 1 first (a restarted node replaces its dead process here). */
    public synchronized List<ChildJvm> brokers() {
        return List.copyOf(brokers);
    }

    /**
     * Starts node {@code nodeId} (1-based) again, on its own ports and data, after it was stopped or killed, and waits
     * until it serves. Clients find it again by the bootstrap list they already have.
     */
    public ChildJvm restartBroker(int nodeId) {
        ChildSpec spec;
        synchronized (this) {
            requireStarted();
            if (nodeId < 1 || nodeId > brokers.size()) {
                throw new IllegalArgumentException("nodeId must be 1.." + brokers.size() + ", got " + nodeId);
            }
            if (brokers.get(nodeId - 1).isAlive()) {
                throw new IllegalStateException("broker " + nodeId + " still runs; stop or kill it first");
            }
            spec = brokerSpecs.get(nodeId - 1);
        }
        ChildJvm child = launchInfrastructure(spec);
        child.awaitReady();
        synchronized (this) {
            brokers.set(nodeId - 1, child);
        }
        return child;
    }

    /** Starts a child again with the command line it had (same ports, ids and data), after it stopped or died. */
    public ChildJvm restartChild(ChildJvm child) {
        if (child.isAlive()) {
            throw new IllegalStateException(child + " still runs; stop or kill it first");
        }
        return startChild(child.spec());
    }

    private synchronized ChildJvm launchInfrastructure(ChildSpec spec) {
        ChildJvm child = launch(spec);
        infrastructure.add(child);
        return child;
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
        return startChild(childSpec(name, module, mainClass)
                .args(args)
                .jvmOptions(jvmOptions)
                .env(env)
                .build());
    }

    /** A child running {@code mainClass} from {@code module} with this stack's ready timeout, to complete and start. */
    public ChildSpec.Builder childSpec(String name, String module, String mainClass) {
        return home.child(name, module, mainClass).readyTimeout(options.readyTimeout());
    }

    /**
     * Starts a child that is told its port on its command line ({@code specOnPort} makes its spec for a port), on a
     * port free a moment ago, and starts it again on another when someone else bound that port first. For servers
     * that must keep their port when {@link #restartChild restarted}; others should bind port 0 and announce theirs.
     */
    public ChildJvm startChildOnFreePort(IntFunction<ChildSpec> specOnPort) {
        for (int attempt = 1; ; attempt++) {
            synchronized (this) {
                requireStarted();
            }
            ChildJvm child = launch(specOnPort.apply(freePorts.apply(1).get(0)));
            try {
                child.awaitReady();
                return child;
            } catch (ChildStartException e) {
                if (attempt == PORT_ATTEMPTS || !lostAPortRace(e)) {
                    throw e;
                }
                LOG.warn("the port picked for {} was taken before it bound it; starting it again on another", child);
                stopAndForget(List.of(child));
            }
        }
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
     * Stops every child ({@link StackShutdown}: the components side by side, then the registry and S3, then the
     * brokers). Idempotent; also runs as a shutdown hook. A child that fails to stop does not keep the others running.
     */
    @Override
    public void close() {
        List<ChildJvm> components;
        List<ChildJvm> services;
        List<ChildJvm> kafka;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            components =
                    children.stream().filter(c -> !infrastructure.contains(c)).toList();
            kafka = List.copyOf(brokers);
            services = new ArrayList<>(children.stream()
                    .filter(c -> infrastructure.contains(c) && !brokerSpecs.contains(c.spec()))
                    .toList());
        }
        Collections.reverse(services);
        removeShutdownHook();
        StackShutdown.stop(components, services, kafka, logDir());
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

    /**
     * The brokers' bootstrap addresses, {@code <host>:<port>} ({@code 127.0.0.1} unless {@link StackBuilder#host} set
     * another), comma-separated when there are several.
     */
    public synchronized String bootstrap() {
        requireStarted();
        return addresses.bootstrap();
    }

    /** The schema registry's base URL, {@code http://<host>:<port>}. */
    public synchronized String registryUrl() {
        requireStarted();
        return addresses.registryUrl();
    }

    /** The S3 endpoint, {@code http://<host>:<port>}; clients must use path-style access. */
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
