package dev.computefabric.executor;

import dev.computefabric.executor.dispatch.share.ShareDispatchOptions;
import dev.computefabric.executor.load.LoadLimits;
import dev.computefabric.executor.run.RetryPolicy;
import dev.computefabric.schemas.Capset;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.Tables;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * How an executor runs.
 *
 * @param bootstrap        Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param registry         schema registry base URL
 * @param s3               table storage; null when the node has none (then only inline tables work)
 * @param capabilities     every capability the node serves: declared plus detected runtimes
 * @param slots            how many slots calls may occupy at once
 * @param executorId       this node's id: presence key, client id, {@code executorId} in results
 * @param group            the consumer group all executors share
 * @param drainTimeout     on shutdown, how long running calls may take to finish before they are abandoned
 * @param presenceInterval how often the node republishes its {@code ExecutorStatus}
 * @param inlineLimitBytes output tables up to this size travel inline in the result
 * @param dispatch         share group (default) or classic consumer group
 * @param maxDeliveries    share mode: a call delivered this often is failed and dead-lettered instead of run
 * @param sessionTimeout   classic mode: how long a crashed executor keeps its partitions (share groups take the
 *                         broker's {@code group.share.session.timeout.ms})
 * @param retry            how retryable failures are retried
 * @param load             when the host counts as overloaded
 */
public record ExecutorOptions(
        String bootstrap,
        String registry,
        S3Settings s3,
        Capset capabilities,
        int slots,
        String executorId,
        String group,
        Duration drainTimeout,
        Duration presenceInterval,
        int inlineLimitBytes,
        DispatchMode dispatch,
        int maxDeliveries,
        Duration sessionTimeout,
        RetryPolicy retry,
        LoadLimits load) {

    public static final DispatchMode DEFAULT_DISPATCH = DispatchMode.SHARE;
    public static final int DEFAULT_MAX_DELIVERIES = ShareDispatchOptions.DEFAULT_MAX_DELIVERIES;
    /** Kafka's default; the broker refuses less than {@code group.min.session.timeout.ms} (6 s). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);

    public static final int DEFAULT_SLOTS = 4;
    public static final String DEFAULT_GROUP = "fabric-executors";
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PRESENCE_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_INLINE_LIMIT_BYTES = Tables.DEFAULT_INLINE_LIMIT_BYTES;
    /** More slots than this is a typo: every slot is a worker thread. */
    public static final int MAX_SLOTS = 1024;

    // The id is a Kafka record key, a client.id and part of log lines: keep it to safe characters.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public ExecutorOptions {
        requireText("bootstrap (--bootstrap or FABRIC_BOOTSTRAP)", bootstrap);
        requireText("registry (--registry or FABRIC_REGISTRY)", registry);
        if (capabilities == null) {
            throw new IllegalArgumentException("capabilities are required (an empty set serves fabric.calls.any)");
        }
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("slots must be 1.." + MAX_SLOTS + ", got " + slots);
        }
        if (executorId == null || !ID.matcher(executorId).matches()) {
            throw new IllegalArgumentException(
                    "executorId must be 1-200 characters of A-Z a-z 0-9 . _ -, got '" + executorId + "'");
        }
        requireText("group", group);
        requirePositive("drainTimeout", drainTimeout);
        requirePositive("presenceInterval", presenceInterval);
        if (inlineLimitBytes < 0) {
            throw new IllegalArgumentException("inlineLimitBytes must be >= 0, got " + inlineLimitBytes);
        }
        if (dispatch == null || retry == null || load == null) {
            throw new IllegalArgumentException("dispatch, retry and load are required");
        }
        if (maxDeliveries < 2 || maxDeliveries > 10) {
            throw new IllegalArgumentException(
                    "maxDeliveries must be 2..10 (the broker's share.delivery.count.limit range), got "
                            + maxDeliveries);
        }
        requirePositive("sessionTimeout", sessionTimeout);
    }

    /** Options with the defaults for everything added after the first release of this record. */
    public ExecutorOptions(
            String bootstrap,
            String registry,
            S3Settings s3,
            Capset capabilities,
            int slots,
            String executorId,
            String group,
            Duration drainTimeout,
            Duration presenceInterval,
            int inlineLimitBytes) {
        this(
                bootstrap,
                registry,
                s3,
                capabilities,
                slots,
                executorId,
                group,
                drainTimeout,
                presenceInterval,
                inlineLimitBytes,
                DEFAULT_DISPATCH,
                DEFAULT_MAX_DELIVERIES,
                DEFAULT_SESSION_TIMEOUT,
                RetryPolicy.defaults(),
                LoadLimits.defaults());
    }

    /** Options with every default, for the given connections and capabilities. */
    public static ExecutorOptions defaults(String bootstrap, String registry, S3Settings s3, Capset capabilities) {
        return new ExecutorOptions(
                bootstrap,
                registry,
                s3,
                capabilities,
                DEFAULT_SLOTS,
                defaultExecutorId(),
                DEFAULT_GROUP,
                DEFAULT_DRAIN_TIMEOUT,
                DEFAULT_PRESENCE_INTERVAL,
                DEFAULT_INLINE_LIMIT_BYTES);
    }

    public Optional<S3Settings> tableStorage() {
        return Optional.ofNullable(s3);
    }

    /** {@code <hostname>-<6 hex digits>}: unique enough for several executors on one host. */
    public static String defaultExecutorId() {
        String host = hostName().replaceAll("[^A-Za-z0-9._-]", "-");
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return (host.length() > 150 ? host.substring(0, 150) : host) + "-"
                + HexFormat.of().formatHex(random);
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME"))
                    .filter(h -> !h.isBlank())
                    .orElse("executor");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
