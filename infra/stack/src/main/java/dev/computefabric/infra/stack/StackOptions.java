package dev.computefabric.infra.stack;

import dev.computefabric.kafka.TopicProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How an {@link EmbeddedStack} runs. Build it with {@link EmbeddedStack#builder()}.
 *
 * @param dataDir       everything the stack writes: broker data, S3 objects, {@code logs/<child>.log}
 * @param brokerProfile broker settings on top of the single-node basics
 * @param brokerHeap    maximum heap of the broker JVM ({@code -Xmx} syntax: {@code 512m}, {@code 1g})
 * @param s3Heap        maximum heap of the S3 server JVM
 * @param registryHeap  maximum heap of the schema registry JVM
 * @param host          the address the broker, S3 server and registry listen on and give to clients: loopback by
 *                      default; an address of this machine that other hosts or network namespaces reach (an IPv4
 *                      address or a host name, not a wildcard such as 0.0.0.0, which cannot be given to clients)
 * @param brokerPort    the broker's client port, 0 for any free port
 * @param s3Port        the S3 server's port, 0 for any free port
 * @param registryPort  the schema registry's port, 0 for any free port
 * @param s3Bucket      bucket the S3 server creates at start
 * @param s3AccessKey   the S3 server's only access key
 * @param s3SecretKey   its secret
 * @param partitions    partitions of each fabric topic
 * @param readyTimeout  how long each child JVM may take to get ready
 * @param brokers       KRaft nodes (each broker and controller): 1, or 3 and more for replication factor 3 and
 *                      {@code min.insync.replicas} 2 on every topic
 * @param secure        SASL/SCRAM on the broker with the standard authorizer and one principal per role
 *                      ({@link FabricRole}, {@link FabricAcls}), and a registry that takes writes only with credentials;
 *                      off by default (plaintext, no authentication)
 */
public record StackOptions(
        Path dataDir,
        BrokerProfile brokerProfile,
        String brokerHeap,
        String s3Heap,
        String registryHeap,
        String host,
        int brokerPort,
        int s3Port,
        int registryPort,
        String s3Bucket,
        String s3AccessKey,
        String s3SecretKey,
        int partitions,
        Duration readyTimeout,
        int brokers,
        boolean secure) {

    public static final BrokerProfile DEFAULT_BROKER_PROFILE = BrokerProfile.DEV;
    public static final String DEFAULT_BROKER_HEAP = "512m";
    public static final String DEFAULT_S3_HEAP = "256m";
    public static final String DEFAULT_REGISTRY_HEAP = "128m";
    public static final String DEFAULT_HOST = BrokerConfig.DEFAULT_HOST;
    public static final int ANY_PORT = 0;
    public static final String DEFAULT_S3_BUCKET = "fabric";
    public static final String DEFAULT_S3_ACCESS_KEY = "fabric";
    public static final String DEFAULT_S3_SECRET_KEY = "fabric-secret";
    public static final int DEFAULT_PARTITIONS = TopicProvisioner.DEFAULT_PARTITIONS;
    public static final Duration DEFAULT_READY_TIMEOUT = ChildSpec.DEFAULT_READY_TIMEOUT;
    public static final int DEFAULT_BROKERS = 1;
    public static final boolean DEFAULT_SECURE = false;

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    // An IPv4 address or a DNS name: both go into URLs and listener strings as they are (an IPv6 literal would need
    // brackets there).
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final String WILDCARD = "0.0.0.0";

    public StackOptions {
        if (dataDir == null) {
            throw new IllegalArgumentException(
                    "dataDir is required: the directory the stack keeps its data and logs in");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        if (brokerProfile == null) {
            throw new IllegalArgumentException("brokerProfile is required");
        }
        requireHeap("brokerHeap", brokerHeap);
        requireHeap("s3Heap", s3Heap);
        requireHeap("registryHeap", registryHeap);
        requireHost(host);
        requirePort("brokerPort", brokerPort);
        requirePort("s3Port", s3Port);
        requirePort("registryPort", registryPort);
        requireText("s3Bucket", s3Bucket);
        requireText("s3AccessKey", s3AccessKey);
        requireText("s3SecretKey", s3SecretKey);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be positive, got " + readyTimeout);
        }
        if (brokers != 1 && (brokers < BrokerConfig.CLUSTER_REPLICATION_FACTOR || brokers > 9)) {
            // Two voters cannot lose either; more than nine is not a local cluster.
            throw new IllegalArgumentException("brokers must be 1 or 3..9, got " + brokers);
        }
        if (secure && brokers > 1) {
            // Inter-broker SCRAM between nodes was never run here; a secure cluster waits until it has been.
            throw new IllegalArgumentException("a secure stack runs one broker; got brokers=" + brokers);
        }
        if (brokers > 1 && brokerPort != ANY_PORT) {
            throw new IllegalArgumentException(
                    "brokerPort names one broker's port; leave it 0 with " + brokers + " brokers");
        }
    }

    private static void requireHeap(String field, String value) {
        if (value == null || !HEAP.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a heap size such as 256m or 1g, got '" + value + "'");
        }
    }

    private static void requireHost(String value) {
        if (value == null || !HOST.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "host must be an IPv4 address or a host name such as 10.0.0.5, got '" + value + "'");
        }
        if (value.equals(WILDCARD)) {
            throw new IllegalArgumentException("host must be an address clients can connect to, not the wildcard "
                    + WILDCARD + ": the broker advertises it and the S3 and registry URLs name it");
        }
    }

    private static void requirePort(String field, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(field + " must be 0 (any free port) or 1..65535, got " + value);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
