package dev.computefabric.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/** Builds an {@link EmbeddedStack}: options default to {@link StackOptions}' {@code DEFAULT_*} constants; only the data directory is required. */
public final class StackBuilder {
    private Path dataDir;
    private BrokerProfile brokerProfile = StackOptions.DEFAULT_BROKER_PROFILE;
    private String brokerHeap = StackOptions.DEFAULT_BROKER_HEAP;
    private String s3Heap = StackOptions.DEFAULT_S3_HEAP;
    private String registryHeap = StackOptions.DEFAULT_REGISTRY_HEAP;
    private String host = StackOptions.DEFAULT_HOST;
    private int brokerPort = StackOptions.ANY_PORT;
    private int s3Port = StackOptions.ANY_PORT;
    private int registryPort = StackOptions.ANY_PORT;
    private String s3Bucket = StackOptions.DEFAULT_S3_BUCKET;
    private String s3AccessKey = StackOptions.DEFAULT_S3_ACCESS_KEY;
    private String s3SecretKey = StackOptions.DEFAULT_S3_SECRET_KEY;
    private int partitions = StackOptions.DEFAULT_PARTITIONS;
    private Duration readyTimeout = StackOptions.DEFAULT_READY_TIMEOUT;
    private int brokers = StackOptions.DEFAULT_BROKERS;
    private boolean secure = StackOptions.DEFAULT_SECURE;
    private FabricHome home;
    private IntFunction<List<Integer>> freePorts = Ports::free;

    StackBuilder() {}

    /** Required: where the stack keeps its data and logs; created if missing, reused if it exists. */
    public StackBuilder dataDir(Path value) {
        dataDir = value;
        return this;
    }

    public StackBuilder brokerProfile(BrokerProfile value) {
        brokerProfile = value;
        return this;
    }

    public StackBuilder brokerHeap(String value) {
        brokerHeap = value;
        return this;
    }

    public StackBuilder s3Heap(String value) {
        s3Heap = value;
        return this;
    }

    public StackBuilder registryHeap(String value) {
        registryHeap = value;
        return this;
    }

    /**
     * The address the broker, S3 server and registry listen on and give to clients; loopback by default. Another
     * address of this machine (a veth's, a LAN interface's) lets executors elsewhere reach the stack.
     */
    public StackBuilder host(String value) {
        host = value;
        return this;
    }

    public StackBuilder brokerPort(int value) {
        brokerPort = value;
        return this;
    }

    public StackBuilder s3Port(int value) {
        s3Port = value;
        return this;
    }

    public StackBuilder registryPort(int value) {
        registryPort = value;
        return this;
    }

    public StackBuilder s3Bucket(String value) {
        s3Bucket = value;
        return this;
    }

    public StackBuilder s3Credentials(String accessKey, String secretKey) {
        s3AccessKey = accessKey;
        s3SecretKey = secretKey;
        return this;
    }

    public StackBuilder partitions(int value) {
        partitions = value;
        return this;
    }

    public StackBuilder readyTimeout(Duration value) {
        readyTimeout = value;
        return this;
    }

    /** KRaft nodes: 1 (the default) or a replicated cluster of 3 or more. */
    public StackBuilder brokers(int value) {
        brokers = value;
        return this;
    }

    /** SASL/SCRAM, ACLs per role and a guarded registry ({@link StackOptions#secure()}); off by default. */
    public StackBuilder secure(boolean value) {
        secure = value;
        return this;
    }

    /** The repository to run modules from; by default {@link FabricHome#locate()}. */
    public StackBuilder home(FabricHome value) {
        home = value;
        return this;
    }

    /** Where brokers' ports come from; a test's may hand out one that is taken. */
    StackBuilder freePorts(IntFunction<List<Integer>> value) {
        freePorts = value;
        return this;
    }

    /** Validates the options and creates the data directory; nothing runs until {@link EmbeddedStack#start()}. */
    public EmbeddedStack build() {
        StackOptions options = new StackOptions(
                dataDir,
                brokerProfile,
                brokerHeap,
                s3Heap,
                registryHeap,
                host,
                brokerPort,
                s3Port,
                registryPort,
                s3Bucket,
                s3AccessKey,
                s3SecretKey,
                partitions,
                readyTimeout,
                brokers,
                secure);
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stack's data directory " + options.dataDir(), e);
        }
        return new EmbeddedStack(options, home != null ? home : FabricHome.locate(), freePorts);
    }
}
