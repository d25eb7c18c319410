package dev.computefabric.infra.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The stack's own child JVMs: the broker, the S3 server and the schema registry. Named by module and
 * main class, not by type, so their jars (Kafka's broker, S3Proxy's 150) stay off the launcher's classpath.
 */
final class InfraChildren {

    static final String BROKER = "kafka";
    static final String S3 = "s3";
    static final String REGISTRY = "registry";

    static final String BROKER_MODULE = "infra/kafka-broker";
    static final String BROKER_MAIN = "dev.computefabric.infra.broker.BrokerMain";
    static final String S3_MODULE = "infra/s3-server";
    static final String S3_MAIN = "dev.computefabric.infra.s3.S3ServerMain";
    static final String REGISTRY_MODULE = "infra/schema-registry";
    static final String REGISTRY_MAIN = "dev.computefabric.registry.RegistryMain";

    private final FabricHome home;
    private final StackOptions options;

    InfraChildren(FabricHome home, StackOptions options) {
        this.home = home;
        this.options = options;
    }

    /** A broker that formats its storage with {@code clusterId} and, on a secure stack, the SCRAM users of {@code credentials}. */
    ChildSpec broker(String name, Path serverProperties, String clusterId, Optional<StackCredentials> credentials) {
        ChildSpec.Builder broker =
                spec(name, BROKER_MODULE, BROKER_MAIN, options.brokerHeap()).args("--format-cluster-id", clusterId);
        credentials.ifPresent(c -> broker.args("--scram-users", c.usersFile().toString()));
        return broker.args(serverProperties.toString()).build();
    }

    ChildSpec s3(Path baseDir) {
        return spec(S3, S3_MODULE, S3_MAIN, options.s3Heap())
                .args(
                        "--basedir",
                        baseDir.toString(),
                        "--host",
                        options.host(),
                        "--port",
                        Integer.toString(options.s3Port()),
                        "--bucket",
                        options.s3Bucket(),
                        "--access-key",
                        options.s3AccessKey(),
                        "--secret-key",
                        options.s3SecretKey())
                .build();
    }

    /** The registry keeps its schemas in the broker at {@code bootstrap}, so ids survive restarts. */
    ChildSpec registry(String bootstrap, Optional<StackCredentials> credentials) {
        ChildSpec.Builder registry = spec(REGISTRY, REGISTRY_MODULE, REGISTRY_MAIN, options.registryHeap());
        credentials.ifPresent(c -> registry.env(c.of(FabricRole.REGISTRY).environment())
                .args("--writers-file", c.registryWritersFile().toString()));
        return registry.args(
                        "--host",
                        options.host(),
                        "--port",
                        Integer.toString(options.registryPort()),
                        "--bootstrap",
                        bootstrap)
                .build();
    }

    private ChildSpec.Builder spec(String name, String module, String mainClass, String heap) {
        return ChildSpec.builder(name, mainClass, home.classpath(module))
                // Small heaps on a two-core machine: the serial collector's one thread and no concurrent marking
                // cost less CPU than G1's, as for the fabric's own components (FabricComponents).
                .jvmOptions(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC"))
                .readyTimeout(options.readyTimeout());
    }
}
