package dev.computefabric.infra.broker;

import dev.computefabric.common.ProcessLink;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs one KRaft node (broker and controller) as a child JVM of the embedded stack: alone, or one of a cluster.
 *
 * <pre>
 * BrokerMain [--format-cluster-id &lt;id&gt; [--scram-users &lt;file&gt;]] &lt;server.properties&gt;
 * </pre>
 *
 * <p>With {@code --format-cluster-id} the log directories are formatted first, in this JVM: a separate
 * {@code StorageTool} JVM would add a second JVM start to every stack start. Formatting skips
 * directories that are already formatted, so a stack restarted on the same data directory keeps its data.
 *
 * <p>With {@code --scram-users} (a properties file of {@code user=password}) formatting also writes those users'
 * SCRAM-SHA-512 credentials into the cluster's first metadata: a secure broker authenticates its clients, and its own
 * inter-broker connections, from the moment it starts. The file, not the command line, carries them, because a
 * command line is visible to every user of the machine.
 */
public final class BrokerMain {

    public static final String COMPONENT = "kafka";
    public static final String FORMAT_OPTION = "--format-cluster-id";
    public static final String SCRAM_USERS_OPTION = "--scram-users";

    private BrokerMain() {}

    public static void main(String[] args) {
        ProcessLink.attach(COMPONENT);
        BrokerArgs parsed = BrokerArgs.parse(args);
        ServerProperties properties = ServerProperties.load(parsed.serverProperties());
        parsed.clusterId()
                .ifPresent(id -> StorageFormat.format(
                        parsed.serverProperties(),
                        id,
                        properties.hasStaticVoters(),
                        parsed.scramUsers().map(ScramUsers::load).orElse(ScramUsers.NONE)));
        BrokerReadiness.announceWhenServing(properties);
        // Blocks until the broker shuts down (SIGTERM runs Kafka's own shutdown hook), then exits.
        kafka.Kafka.main(new String[] {parsed.serverProperties().toString()});
    }

    /** The command line: the properties file, and the cluster id to format with, if any. */
    record BrokerArgs(Path serverProperties, Optional<String> clusterId, Optional<Path> scramUsers) {

        static BrokerArgs parse(String[] args) {
            Path config = null;
            String clusterId = null;
            Path scramUsers = null;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals(FORMAT_OPTION)) {
                    if (i + 1 >= args.length) {
                        throw usage(FORMAT_OPTION + " needs a cluster id");
                    }
                    clusterId = args[++i];
                } else if (args[i].equals(SCRAM_USERS_OPTION)) {
                    if (i + 1 >= args.length) {
                        throw usage(SCRAM_USERS_OPTION + " needs a file");
                    }
                    scramUsers = Path.of(args[++i]);
                } else if (config == null && !args[i].startsWith("--")) {
                    config = Path.of(args[i]);
                } else {
                    throw usage("unexpected argument '" + args[i] + "'");
                }
            }
            if (config == null) {
                throw usage("the server.properties path is missing");
            }
            if (scramUsers != null && clusterId == null) {
                throw usage(SCRAM_USERS_OPTION + " takes effect when formatting: it needs " + FORMAT_OPTION);
            }
            return new BrokerArgs(config, Optional.ofNullable(clusterId), Optional.ofNullable(scramUsers));
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem + "; usage: BrokerMain [" + FORMAT_OPTION + " <id> ["
                    + SCRAM_USERS_OPTION + " <file>]] <server.properties>");
        }
    }
}
