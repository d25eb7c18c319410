package dev.computefabric.infra.stack;

import dev.computefabric.common.Futures;
import dev.computefabric.schemas.tokens.TokenAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The whole fabric on this machine: the embedded stack (broker, S3, registry) plus the result router,
 * one gateway and some executors, each its own JVM. Closing it stops every process it started.
 */
public final class LocalFabric implements AutoCloseable {

    /** The gateway's id, and so its reply topic {@code fabric.replies.gw-1}. */
    public static final String GATEWAY_ID = "gw-1";
    /** The principal of the API token a secure fabric mints at start ({@link #adminToken()}). */
    public static final String ADMIN_PRINCIPAL = "admin";
    /** Its group, the policy's admin group: it may call everything and see every call. */
    public static final String ADMIN_GROUP = "admins";

    /**
     * @param dataDir         where the broker, S3 and every log live
     * @param executors       the executors to start with the fabric
     * @param componentHeap   {@code -Xmx} of router, gateway and executors
     * @param brokers         KRaft nodes: 1, or a replicated cluster of 3 ({@link StackBuilder#brokers})
     * @param secure          SASL/SCRAM, ACLs per role and a guarded registry ({@link StackBuilder#secure})
     */
    public record Options(
            Path dataDir, List<ExecutorSpec> executors, String componentHeap, int brokers, boolean secure) {

        public static final String DEFAULT_COMPONENT_HEAP = FabricComponents.DEFAULT_HEAP;
        public static final int DEFAULT_SLOTS = 4;
        /** The scripts every executor of {@code ./fabric up} and {@code demo} serves, relative to the repository. */
        public static final String EXAMPLE_SCRIPTS = "examples/scripts";

        public Options {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir is required");
            }
            executors = List.copyOf(executors);
            componentHeap = componentHeap == null ? DEFAULT_COMPONENT_HEAP : componentHeap;
        }

        public Options(Path dataDir, List<ExecutorSpec> executors, String componentHeap, int brokers) {
            this(dataDir, executors, componentHeap, brokers, StackOptions.DEFAULT_SECURE);
        }

        public Options(Path dataDir, List<ExecutorSpec> executors, String componentHeap) {
            this(dataDir, executors, componentHeap, StackOptions.DEFAULT_BROKERS);
        }

        /** The same fabric on {@code count} brokers. */
        public Options withBrokers(int count) {
            return new Options(dataDir, executors, componentHeap, count, secure);
        }

        /** The same fabric, secure or not. */
        public Options withSecure(boolean value) {
            return new Options(dataDir, executors, componentHeap, brokers, value);
        }

        /**
         * Two executors, as {@code ./fabric up} runs them: one declares {@code python}, and both serve the example
         * scripts ({@code --scripts examples/scripts}), so both carry the tags of the script languages installed.
         * Neither runs code sent in calls.
         */
        public static Options twoExecutors(Path dataDir) {
            List<String> scripts = List.of(
                    "--scripts",
                    FabricHome.locate().root().resolve(EXAMPLE_SCRIPTS).toString());
            return new Options(
                    dataDir,
                    List.of(
                            new ExecutorSpec("executor-1", List.of("python"), DEFAULT_SLOTS, scripts),
                            new ExecutorSpec("executor-2", List.of(), DEFAULT_SLOTS, scripts)),
                    null);
        }
    }

    /** An executor to start: its id, the capabilities it declares, its slots, and further executor options. */
    public record ExecutorSpec(String id, List<String> capabilities, int slots, List<String> options) {

        public ExecutorSpec {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("executor id is required");
            }
            capabilities = List.copyOf(capabilities);
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be >= 1, got " + slots);
            }
            options = List.copyOf(options);
        }

        public ExecutorSpec(String id, List<String> capabilities, int slots) {
            this(id, capabilities, slots, List.of());
        }
    }

    private final EmbeddedStack stack;
    private final Options options;
    private final String gatewayUrl;
    private volatile ChildJvm router;
    private final Optional<String> adminToken;

    private LocalFabric(
            EmbeddedStack stack, Options options, String gatewayUrl, ChildJvm router, Optional<String> adminToken) {
        this.stack = stack;
        this.options = options;
        this.gatewayUrl = gatewayUrl;
        this.router = router;
        this.adminToken = adminToken;
    }

    /**
     * A secure fabric's gateway answers only bearer tokens: this one is for the principal {@code admin} in the
     * group {@code admins}, which the fabric's policy lets call everything and see every call. Empty when not secure.
     */
    public Optional<String> adminToken() {
        return adminToken;
    }

    /**
     * A secure fabric's Kafka client properties for callers that submit with a Kafka client, not through the gateway
     * (bootstrap, SCRAM login as {@code caller}, registry URL): {@code <data-dir>/secrets/caller.properties}, owner-only.
     * Empty when not secure.
     */
    public Optional<Path> callerProperties() {
        return stack.callerProperties();
    }

    /** Mints the admin's API token as the Kafka admin, before any gateway reads {@code fabric.tokens}. */
    private static String mintAdminToken(EmbeddedStack stack) {
        return TokenAdmin.as(stack.bootstrap(), stack.registryUrl(), stack.credential(FabricRole.ADMIN))
                .create(ADMIN_PRINCIPAL, List.of(ADMIN_GROUP), Optional.empty())
                .token();
    }

    /** The gateway's options on a secure fabric: bearer tokens required, and a policy that lets admins do all. */
    private static String[] gatewaySecurity(EmbeddedStack stack) {
        Path policy = stack.dataDir().resolve(StackCredentials.DIRECTORY).resolve("gateway-policy.yaml");
        try {
            Files.createDirectories(policy.getParent());
            Files.writeString(
                    policy,
                    String.join(
                            "\n",
                            "# Written by the launcher for a --secure fabric; edit it to grant others (docs/security.md).",
                            "admins: [" + ADMIN_GROUP + "]",
                            "grants:",
                            "  - groups: [" + ADMIN_GROUP + "]",
                            "    functions: [\"*\"]",
                            "    capabilities: [\"*\"]",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gateway's policy " + policy, e);
        }
        return new String[] {"--fabric.security.enabled=true", "--fabric.security.policy-file=" + policy};
    }

    /** Starts everything; on any failure stops what already started and rethrows. */
    public static LocalFabric start(Options options) {
        EmbeddedStack stack = EmbeddedStack.builder()
                .dataDir(options.dataDir())
                .brokers(options.brokers())
                .secure(options.secure())
                .build();
        try {
            stack.start();
            Optional<String> adminToken = options.secure() ? Optional.of(mintAdminToken(stack)) : Optional.empty();
            String[] gatewayOptions = options.secure() ? gatewaySecurity(stack) : new String[0];
            // The components are independent once topics exist: start them side by side.
            FabricComponents components = components(stack, options);
            CompletableFuture<ChildJvm> router = CompletableFuture.supplyAsync(components::startRouter);
            CompletableFuture<ChildJvm> gateway =
                    CompletableFuture.supplyAsync(() -> components.startGateway(GATEWAY_ID, gatewayOptions));
            List<CompletableFuture<ChildJvm>> executors = new ArrayList<>();
            for (ExecutorSpec spec : options.executors()) {
                executors.add(CompletableFuture.supplyAsync(() -> startExecutor(stack, options, spec)));
            }
            executors.forEach(Futures::join);
            return new LocalFabric(stack, options, Futures.join(gateway).address(), Futures.join(router), adminToken);
        } catch (RuntimeException failure) {
            try {
                stack.close();
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing); // why it did not start matters more than what did not stop
            }
            throw failure;
        }
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** The result router's process: a test stops or kills it to see the fabric without (or late to) a router. */
    public ChildJvm router() {
        return router;
    }

    /** Starts the result router again after it was stopped or killed; its state comes back from Kafka. */
    public ChildJvm restartRouter() {
        if (router.isAlive()) {
            throw new IllegalStateException("the router " + router + " still runs; stop or kill it first");
        }
        router = components(stack, options).startRouter();
        return router;
    }

    /** Starts one more executor against this fabric, e.g. with a capability no other node has. */
    public ChildJvm startExecutor(ExecutorSpec spec) {
        return startExecutor(stack, options, spec);
    }

    @Override
    public void close() {
        stack.close();
    }

    private static ChildJvm startExecutor(EmbeddedStack stack, Options options, ExecutorSpec spec) {
        return components(stack, options)
                .startExecutor(
                        spec.id(),
                        spec.slots(),
                        spec.capabilities(),
                        spec.options().toArray(String[]::new));
    }

    private static FabricComponents components(EmbeddedStack stack, Options options) {
        return new FabricComponents(stack, options.componentHeap());
    }
}
