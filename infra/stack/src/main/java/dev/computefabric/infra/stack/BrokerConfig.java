package dev.computefabric.infra.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * The server.properties of the embedded single-node KRaft broker (it is its own controller), and the
 * cluster id to format its storage with.
 *
 * @param logDir         where the broker keeps its data
 * @param port           the client listener's port
 * @param controllerPort the controller listener's port
 * @param profile        settings layered on top
 */
public record BrokerConfig(Path logDir, int port, int controllerPort, BrokerProfile profile) {

    public static final String HOST = "127.0.0.1";
    static final int NODE_ID = 1;

    public BrokerConfig {
        if (logDir == null) {
            throw new IllegalArgumentException("logDir is required");
        }
        if (port < 1 || port > 65_535 || controllerPort < 1 || controllerPort > 65_535 || port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must be distinct ports in 1..65535, got " + port
                    + " and " + controllerPort);
        }
        if (profile == null) {
            throw new IllegalArgumentException("profile is required");
        }
    }

    public String bootstrap() {
        return HOST + ":" + port;
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // One broker: internal topics cannot have more than one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Sized to the machine a local fabric runs on (two cores): Kafka's defaults (3 network threads, 8 I/O
        // threads, 10 background threads, 50 partitions for each internal topic) are for dedicated servers; here
        // they only add threads that wait and partitions that are scanned, flushed and cleaned for nothing.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.num.partitions", "6");
        // Nobody else will join: the first consumer group member need not wait 3 s for company.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are provisioned on purpose (co-partitioned, compacted where needed), never by a typo.
        p.setProperty("auto.create.topics.enable", "false");
        profile.overrides().forEach(p::setProperty);
        return p;
    }

    /** Writes {@link #properties()} sorted by key, for a reader to find a setting quickly. */
    public void write(Path file) {
        Properties properties = properties();
        StringBuilder text = new StringBuilder(
                "# Embedded single-node KRaft broker, written by EmbeddedStack (" + profile + " profile)\n");
        new TreeSet<>(properties.stringPropertyNames())
                .forEach(key ->
                        // Backslash is the only character in these values that .properties syntax would misread.
                        text.append(key)
                                .append('=')
                                .append(properties.getProperty(key).replace("\\", "\\\\"))
                                .append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write broker config " + file, e);
        }
    }

    /**
     * The id the log directory was formatted with, or a new one if it is not formatted yet: formatting
     * again with another id fails, so a restarted stack must reuse the old one.
     */
    public String clusterId() {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Uuid.randomUuid().toString();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(meta)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        String id = properties.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(
                    meta + " has no cluster.id; delete " + logDir + " to start the broker afresh");
        }
        return id;
    }
}
