package dev.computefabric.registry;

import dev.computefabric.common.ProcessLink;
import dev.computefabric.registry.kafka.KafkaSchemaStore;
import dev.computefabric.registry.kafka.KafkaStoreOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the schema registry, standalone or as a child JVM of the embedded stack, until it is stopped. */
@Command(
        name = "schema-registry",
        mixinStandardHelpOptions = true,
        description = "A schema registry speaking the Confluent Schema Registry REST API (Avro).")
public final class RegistryMain implements Callable<Integer> {

    public static final String COMPONENT = "registry";

    @Option(names = "--host", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host = RegistryOptions.DEFAULT_HOST;

    @Option(names = "--port", description = "Port to bind, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port = RegistryOptions.DEFAULT_PORT;

    @Option(names = "--threads", description = "Request-handling threads (default: ${DEFAULT-VALUE}).")
    int threads = RegistryOptions.DEFAULT_THREADS;

    @Option(
            names = "--bootstrap",
            description = "Kafka brokers holding the schemas in a compacted topic; "
                    + "without it the schemas live in memory and die with the process.")
    String bootstrap;

    @Option(names = "--topic", description = "The schema topic, created if missing (default: ${DEFAULT-VALUE}).")
    String topic = KafkaStoreOptions.DEFAULT_TOPIC;

    public static void main(String[] args) {
        ProcessLink.attach(COMPONENT);
        int exitCode = new CommandLine(new RegistryMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
        // Once started, the HTTP dispatcher thread serves until SIGTERM runs the shutdown hook.
    }

    @Override
    public Integer call() {
        SchemaStore store = bootstrap == null
                ? new InMemorySchemaStore()
                : KafkaSchemaStore.open(KafkaStoreOptions.of(bootstrap, topic));
        RegistryServer server = RegistryServer.start(new RegistryOptions(host, port, threads), store);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        ProcessLink.ready(COMPONENT, server.url().toString());
        return 0;
    }
}
