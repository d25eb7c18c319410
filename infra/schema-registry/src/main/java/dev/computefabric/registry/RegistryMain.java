package dev.computefabric.registry;

import dev.computefabric.common.ProcessLink;
import dev.computefabric.registry.http.WriteGuard;
import dev.computefabric.registry.kafka.KafkaSchemaStore;
import dev.computefabric.registry.kafka.KafkaStoreOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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

    @Option(
            names = "--writers-file",
            description = "A properties file of user=password: only these users may write (HTTP Basic); reads stay"
                    + " open. Without it everyone may write.")
    Path writersFile;

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
        WriteGuard writers = writersFile == null ? WriteGuard.open() : WriteGuard.users(readUsers(writersFile));
        RegistryServer server = RegistryServer.start(new RegistryOptions(host, port, threads), store, writers);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        ProcessLink.ready(COMPONENT, server.url().toString());
        return 0;
    }

    private static Map<String, String> readUsers(Path file) {
        Properties users = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            users.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry's writers from " + file, e);
        }
        Map<String, String> byName = new HashMap<>();
        users.stringPropertyNames().forEach(user -> byName.put(user, users.getProperty(user)));
        return byName;
    }
}
