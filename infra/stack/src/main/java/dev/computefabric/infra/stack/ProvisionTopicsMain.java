package dev.computefabric.infra.stack;

import dev.computefabric.kafka.SchemaProvisioner;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates the fabric's topics on an existing cluster, registers the contract's schemas (with {@code --registry}) and
 * exits: the provisioning step of a deployment.
 */
@Command(
        name = "provision-topics",
        mixinStandardHelpOptions = true,
        description =
                "Create the fabric topics (co-partitioned calls, events and results; compacted status and executors)"
                        + " and register the contract's schemas.")
public final class ProvisionTopicsMain implements Callable<Integer> {

    @Option(
            names = "--bootstrap",
            required = true,
            defaultValue = "${env:FABRIC_BOOTSTRAP}",
            description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(
            names = "--registry",
            defaultValue = "${env:FABRIC_REGISTRY}",
            description = "Schema registry URL: registers the contract's schemas too, so clients find them by subject"
                    + " before the first call (default: $FABRIC_REGISTRY; none: topics only).")
    String registry;

    @Option(names = "--partitions", description = "Partitions of every fabric topic (default: ${DEFAULT-VALUE}).")
    int partitions = TopicProvisioner.DEFAULT_PARTITIONS;

    @Option(names = "--replication-factor", description = "Replicas per partition (default: ${DEFAULT-VALUE}).")
    short replicationFactor = TopicProvisioner.DEFAULT_REPLICATION_FACTOR;

    @Option(
            names = "--timeout",
            description = "Seconds to wait for the cluster, and for the registry (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = TopicProvisioner.DEFAULT_TIMEOUT.toSeconds();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProvisionTopicsMain()).execute(args));
    }

    @Override
    public Integer call() {
        var options = new TopicProvisioner.Options(partitions, replicationFactor, Duration.ofSeconds(timeoutSeconds));
        try (Admin admin = Admin.create(TopicProvisioner.adminConfig(bootstrap))) {
            new TopicProvisioner(options).ensureFabricTopics(admin);
        }
        System.out.println("fabric topics ready on " + bootstrap);
        if (registry != null && !registry.isBlank()) {
            Map<String, Integer> ids = new SchemaProvisioner(
                            new SchemaRegistryClient(registry), Duration.ofSeconds(timeoutSeconds))
                    .registerContract();
            System.out.println("contract schemas registered in " + registry + ": " + ids);
        }
        return 0;
    }
}
