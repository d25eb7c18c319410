package dev.computefabric.infra.stack;

import dev.computefabric.schemas.FabricCredentials;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The server.properties of one embedded KRaft node, and the cluster id to format its storage with. Every node is
 * broker and controller: alone it is its own quorum; in a cluster of three the controllers form a static quorum
 * ({@code controller.quorum.voters}) that survives the loss of any one node.
 *
 * @param logDir          where the broker keeps its data
 * @param host            the address the client listener binds and advertises: {@link #DEFAULT_HOST}, or an address
 *                        of this machine that clients elsewhere reach (controllers stay on {@link #CONTROLLER_HOST})
 * @param port            the client listener's port
 * @param controllerPort  the controller listener's port
 * @param profile         settings layered on top
 * @param nodeId          this node's id, 1..n
 * @param controllerPorts the controller ports of all nodes, node 1 first; one entry for a single node
 * @param brokerLogin     empty: plaintext listeners, no authorizer (the default). Present: a secure node (see
 *                        {@link #secureProperties}), logging in to itself and its controllers as this super user
 */
public record BrokerConfig(
        Path logDir,
        String host,
        int port,
        int controllerPort,
        BrokerProfile profile,
        int nodeId,
        List<Integer> controllerPorts,
        Optional<FabricCredentials> brokerLogin) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Controllers talk only to the stack's own nodes, all on this machine: loopback, whatever the client host. */
    public static final String CONTROLLER_HOST = "127.0.0.1";

    static final int NODE_ID = 1;
    /** The client (and inter-broker) listener of a secure node. */
    static final String SECURE_LISTENER = "SASL_PLAINTEXT";
    /** Replicas of every topic in a cluster of at least this many nodes; fewer nodes keep one replica each. */
    public static final int CLUSTER_REPLICATION_FACTOR = 3;
    /** With three replicas, a write needs two: one node may be down without stopping producers with acks=all. */
    public static final int CLUSTER_MIN_IN_SYNC_REPLICAS = 2;
    /** The share-group assignor of every node: every member gets every partition of its topics (on the broker's classpath). */
    static final String SHARE_GROUP_ASSIGNOR = "dev.computefabric.infra.broker.EveryPartitionAssignor";

    /** A single node that is its own controller quorum. */
    public BrokerConfig(Path logDir, int port, int controllerPort, BrokerProfile profile) {
        this(logDir, DEFAULT_HOST, port, controllerPort, profile, NODE_ID, List.of(controllerPort));
    }

    /** Node {@code nodeId} of a cluster whose clients connect on {@link #DEFAULT_HOST}. */
    public BrokerConfig(
            Path logDir,
            int port,
            int controllerPort,
            BrokerProfile profile,
            int nodeId,
            List<Integer> controllerPorts) {
        this(logDir, DEFAULT_HOST, port, controllerPort, profile, nodeId, controllerPorts);
    }

    /** Node {@code nodeId} of a plaintext cluster whose clients connect on {@code host}. */
    public BrokerConfig(
            Path logDir,
            String host,
            int port,
            int controllerPort,
            BrokerProfile profile,
            int nodeId,
            List<Integer> controllerPorts) {
        this(logDir, host, port, controllerPort, profile, nodeId, controllerPorts, Optional.empty());
    }

    public BrokerConfig {
        if (brokerLogin == null) {
            throw new IllegalArgumentException("brokerLogin must be empty or present, not null");
        }
        controllerPorts = controllerPorts == null ? null : List.copyOf(controllerPorts);
        if (controllerPorts == null || controllerPorts.isEmpty()) {
            throw new IllegalArgumentException("controllerPorts must name at least this node's controller port");
        }
        if (nodeId < 1 || nodeId > controllerPorts.size() || controllerPorts.get(nodeId - 1) != controllerPort) {
            throw new IllegalArgumentException("nodeId must be 1.." + controllerPorts.size()
                    + " and controllerPorts[nodeId - 1] this node's controllerPort, got node " + nodeId + " with "
                    + controllerPort + " in " + controllerPorts);
        }
        if (logDir == null) {
            throw new IllegalArgumentException("logDir is required");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
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
        return host + ":" + port;
    }

    /** Nodes in the cluster this one belongs to. */
    public int nodes() {
        return controllerPorts.size();
    }

    /** The replication factor topics get in this cluster: three, or one per node when there are fewer. */
    public short replicationFactor() {
        return (short) Math.min(CLUSTER_REPLICATION_FACTOR, nodes());
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        if (nodes() == 1) {
            p.setProperty("controller.quorum.bootstrap.servers", CONTROLLER_HOST + ":" + controllerPort);
        } else {
            // A static quorum: every node knows every voter up front, so all format alike and none is special.
            p.setProperty(
                    "controller.quorum.voters",
                    IntStream.range(0, nodes())
                            .mapToObj(i -> (i + 1) + "@" + CONTROLLER_HOST + ":" + controllerPorts.get(i))
                            .collect(Collectors.joining(",")));
        }
        // Without advertised.listeners the broker advertises what it binds: host is where clients find it.
        p.setProperty(
                "listeners",
                "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + CONTROLLER_HOST + ":" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // One broker: internal topics cannot have more than one replica. Three: every topic, the internal ones and
        // those created with the cluster's defaults (reply topics, Streams' internal topics) keeps three copies and
        // takes a write once two have it.
        String replicas = Short.toString(replicationFactor());
        String minIsr = Integer.toString(nodes() >= CLUSTER_REPLICATION_FACTOR ? CLUSTER_MIN_IN_SYNC_REPLICAS : 1);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        if (nodes() > 1) {
            p.setProperty("default.replication.factor", replicas);
            p.setProperty("min.insync.replicas", minIsr);
        }
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
        // Every executor lane may take a call from any partition of its topic, so a burst does not end with some
        // lanes idle while others work off a fuller partition (infra/kafka-broker's EveryPartitionAssignor).
        p.setProperty("group.share.assignors", SHARE_GROUP_ASSIGNOR);
        // Topics are provisioned on purpose (co-partitioned, compacted where needed), never by a typo.
        p.setProperty("auto.create.topics.enable", "false");
        brokerLogin.ifPresent(login -> secureProperties(login).forEach(p::setProperty));
        profile.overrides().forEach(p::setProperty);
        return p;
    }

    /**
     * A secure node: clients and the other brokers connect over SASL_PLAINTEXT with SCRAM-SHA-512 (credentials
     * formatted into the cluster's metadata, see {@code BrokerMain --scram-users}); controllers over SASL_PLAINTEXT with
     * PLAIN, whose one user is in this file, because a controller must authenticate brokers before any SCRAM credential
     * is loaded. The standard KRaft authorizer denies whatever no ACL allows; the broker's own user is a super user, as
     * is the stack's admin. No TLS: a local fabric stays on this machine (docs/security.md says what production needs).
     */
    Map<String, String> secureProperties(FabricCredentials login) {
        String user = login.user();
        String password = login.password();
        Map<String, String> p = new LinkedHashMap<>();
        p.put(
                "listeners",
                SECURE_LISTENER + "://" + host + ":" + port + ",CONTROLLER://" + CONTROLLER_HOST + ":"
                        + controllerPort);
        p.put("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT," + SECURE_LISTENER + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", SECURE_LISTENER);
        p.put("sasl.enabled.mechanisms", FabricCredentials.SASL_MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", FabricCredentials.SASL_MECHANISM);
        p.put(
                "listener.name." + SECURE_LISTENER.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                        + password + "\" user_" + user + "=\"" + password + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put(
                "super.users",
                Arrays.stream(FabricRole.values())
                        .filter(FabricRole::superUser)
                        .map(FabricRole::principal)
                        .collect(Collectors.joining(";")));
        return p;
    }

    /** Writes {@link #properties()} sorted by key, for a reader to find a setting quickly. */
    public void write(Path file) {
        Properties properties = properties();
        StringBuilder text = new StringBuilder("# Embedded KRaft node " + nodeId + " of " + nodes()
                + ", written by EmbeddedStack (" + profile + " profile)\n");
        new TreeSet<>(properties.stringPropertyNames())
                .forEach(key ->
                        // Backslash is the only character in these values that .properties syntax would misread.
                        text.append(key)
                                .append('=')
                                .append(properties.getProperty(key).replace("\\", "\\\\"))
                                .append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (brokerLogin.isPresent() && !Files.exists(file)) {
                // It holds the broker's password: its owner's only, like the stack's other secrets.
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
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
