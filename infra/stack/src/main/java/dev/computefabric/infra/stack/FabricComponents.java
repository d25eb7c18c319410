package dev.computefabric.infra.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the fabric's own components (result router, gateway, executors) as child JVMs of an
 * {@link EmbeddedStack}, wired to its broker, registry and S3. The one place that knows their main classes
 * and command lines; the launcher and every integration test start them through it. They stop with the stack.
 */
public final class FabricComponents {

    public static final String ROUTER_MODULE = "result-router";
    public static final String ROUTER_MAIN = "dev.computefabric.router.RouterMain";
    public static final String GATEWAY_MODULE = "gateway";
    public static final String GATEWAY_MAIN = "dev.computefabric.gateway.GatewayApplication";
    public static final String EXECUTOR_MODULE = "executor";
    public static final String EXECUTOR_MAIN = "dev.computefabric.executor.ExecutorMain";
    /** Heap of each component. */
    public static final String DEFAULT_HEAP = "256m";
    /**
     * Extra JVM options for router, gateway and executors, split on whitespace: opt-in profiling, e.g.
     * {@code -XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile}.
     */
    public static final String EXTRA_JVM_OPTIONS_ENV = "FABRIC_COMPONENT_JAVA_OPTS";
    /**
     * Level of the per-call lines of router and executors (logger {@code fabric.calls}). A local fabric is for
     * following calls, so DEBUG (every step of every call, with its call id and trace id) unless set otherwise.
     */
    public static final String CALL_LOG_ENV = "FABRIC_CALL_LOG";

    /**
     * The gateway's C2 compiler waits for methods four times as hot as the JVM's defaults (invocations, loop
     * iterations). Spring's start runs much code once, and C2 optimising it cost a sixth of a gateway's start (7.2 s of
     * CPU against 6.1); what the gateway does per request passes the higher counts within seconds of load. Not for the
     * other children: their idle fetch loops ran unoptimised for minutes, and an idle fabric took twice the CPU
     * (docs/benchmarks.md, "Starting children: C2 waits for hotter code"). A component's own options come after these.
     */
    static final List<String> GATEWAY_JIT_OPTIONS = List.of(
            "-XX:Tier4InvocationThreshold=20000",
            "-XX:Tier4MinInvocationThreshold=2400",
            "-XX:Tier4CompileThreshold=60000",
            "-XX:Tier4BackEdgeThreshold=160000");

    private static final Map<String, String> ENV =
            Map.of(CALL_LOG_ENV, System.getenv().getOrDefault(CALL_LOG_ENV, "DEBUG"));

    private final EmbeddedStack stack;
    private final List<String> jvmOptions;
    private final List<String> commandPrefix;

    /** Components with {@code -Xmx<heap>}, e.g. {@code 256m}. */
    public FabricComponents(EmbeddedStack stack, String heap) {
        this.stack = stack;
        this.commandPrefix = List.of();
        // Serial GC: on two cores shared by seven JVMs, parallel GC threads only compete with the work.
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC"));
        String extra = System.getenv(EXTRA_JVM_OPTIONS_ENV);
        if (extra != null && !extra.isBlank()) {
            options.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        this.jvmOptions = List.copyOf(options);
    }

    public FabricComponents(EmbeddedStack stack) {
        this(stack, DEFAULT_HEAP);
    }

    private FabricComponents(EmbeddedStack stack, List<String> jvmOptions, List<String> commandPrefix) {
        this.stack = stack;
        this.jvmOptions = jvmOptions;
        this.commandPrefix = List.copyOf(commandPrefix);
    }

    /**
     * The same components, started behind {@code prefix} (see {@link ChildSpec#commandPrefix()}), e.g.
     * {@code ip netns exec <namespace>}: executors in another network namespace, which reach the stack over a veth
     * when it listens on that veth's address ({@link StackBuilder#host}).
     */
    public FabricComponents withCommandPrefix(List<String> prefix) {
        return new FabricComponents(stack, jvmOptions, prefix);
    }

    public ChildJvm startRouter() {
        return startRouter("router");
    }

    /**
     * A router instance named {@code name}, with its own state directory: instances share the work (and stand by
     * for each other) as members of one Kafka Streams application, but each must lock a directory of its own.
     */
    public ChildJvm startRouter(String name) {
        String stateDir = name.equals("router") ? "router-state" : "router-state-" + name;
        return start(
                name,
                ROUTER_MODULE,
                ROUTER_MAIN,
                List.of(
                        "--bootstrap", stack.bootstrap(),
                        "--registry", stack.registryUrl(),
                        "--state-dir", stack.dataDir().resolve(stateDir).toString()),
                FabricRole.ROUTER,
                ENV);
    }

    /** A gateway whose reply topic is {@code fabric.replies.<gatewayId>}; its child is named after the id too. */
    public ChildJvm startGateway(String gatewayId) {
        return startGateway(gatewayId, new String[0]);
    }

    /** A gateway with further settings, e.g. {@code --fabric.outputs.redirect=true}. */
    public ChildJvm startGateway(String gatewayId, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--fabric.bootstrap=" + stack.bootstrap(),
                "--fabric.registry=" + stack.registryUrl(),
                "--fabric.s3.endpoint=" + stack.s3Endpoint(),
                "--fabric.s3.bucket=" + stack.s3Bucket(),
                "--fabric.s3.access-key=" + stack.s3AccessKey(),
                "--fabric.s3.secret-key=" + stack.s3SecretKey(),
                "--fabric.gateway-id=" + gatewayId));
        args.addAll(Arrays.asList(options));
        // Not port 0: a gateway restarted (chaos) must come back on the URL its callers know.
        return stack.startChildOnFreePort(port -> spec(
                gatewayId,
                GATEWAY_MODULE,
                GATEWAY_MAIN,
                Stream.concat(Stream.of("--server.port=" + port), args.stream()).toList(),
                FabricRole.GATEWAY,
                Map.of(),
                GATEWAY_JIT_OPTIONS));
    }

    /**
     * An executor serving exactly {@code capabilities} (runtime detection off: routing must not depend on
     * what is on this PATH), plus any further executor options.
     */
    public ChildJvm startExecutor(String id, int slots, List<String> capabilities, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap",
                stack.bootstrap(),
                "--registry",
                stack.registryUrl(),
                "--s3",
                stack.s3Endpoint(),
                "--s3-bucket",
                stack.s3Bucket(),
                "--s3-access-key",
                stack.s3AccessKey(),
                "--s3-secret-key",
                stack.s3SecretKey(),
                "--id",
                id,
                "--slots",
                Integer.toString(slots),
                "--no-detect-runtimes"));
        if (!capabilities.isEmpty()) {
            args.addAll(List.of("--capabilities", String.join(",", capabilities)));
        }
        args.addAll(Arrays.asList(options));
        return start(id, EXECUTOR_MODULE, EXECUTOR_MAIN, args, FabricRole.EXECUTOR, ENV);
    }

    /** On a secure stack the child logs in as {@code role}: its credentials travel in its environment, not its args. */
    private ChildJvm start(
            String name, String module, String mainClass, List<String> args, FabricRole role, Map<String, String> env) {
        return stack.startChild(spec(name, module, mainClass, args, role, env, List.of()));
    }

    private ChildSpec spec(
            String name,
            String module,
            String mainClass,
            List<String> args,
            FabricRole role,
            Map<String, String> env,
            List<String> componentJvmOptions) {
        Map<String, String> childEnv = new HashMap<>(env);
        stack.credential(role).ifPresent(credentials -> childEnv.putAll(credentials.environment()));
        return stack.childSpec(name, module, mainClass)
                .args(args)
                .jvmOptions(componentJvmOptions)
                .jvmOptions(jvmOptions)
                .env(childEnv)
                .commandPrefix(commandPrefix)
                .build();
    }
}
