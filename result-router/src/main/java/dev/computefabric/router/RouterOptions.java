package dev.computefabric.router;

import dev.computefabric.router.timers.TimerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the router runs.
 *
 * @param bootstrap           Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param registryUrl         schema registry base URL (Confluent REST API)
 * @param applicationId       Streams application id: consumer group, prefix of the changelog topics
 *                            and of the state directory; routers sharing it share the work
 * @param stateDir            where the state stores live on disk
 * @param commitInterval      how often offsets (and, with exactly-once, transactions) are committed
 * @param processingGuarantee {@code at_least_once} or {@code exactly_once_v2}
 * @param threads             Streams threads; more than one only helps with more partitions than cores' worth of load
 * @param closeTimeout        how long a shutdown waits for in-flight work before giving up
 * @param sessionTimeout      how long a router that died without leaving its group (a crash, {@code kill -9}, a lost
 *                            host) keeps its partitions before the other routers take them over; the broker refuses
 *                            less than its {@code group.min.session.timeout.ms} (6 s by default)
 * @param timers              deadline tick, retention of ended calls, longest call lifetime
 */
public record RouterOptions(
        String bootstrap,
        String registryUrl,
        String applicationId,
        Path stateDir,
        Duration commitInterval,
        String processingGuarantee,
        int threads,
        Duration closeTimeout,
        Duration sessionTimeout,
        TimerOptions timers) {

    public static final String DEFAULT_APPLICATION_ID = "fabric-router";
    public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "fabric-router");
    /**
     * How much a crash replays (a second of input, whose ends go out again: REPEAT). A commit is not free: it flushes
     * the producer and commits offsets, and the stream thread routes nothing meanwhile (7 ms a commit on a busy
     * 2-core machine); at 100 ms that held up one result in fifteen (docs/benchmarks.md, 6 December).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** At-least-once until exactly_once_v2 is measured here (FINDINGS: ~17 ms p50 with a 10 ms commit). */
    public static final String DEFAULT_PROCESSING_GUARANTEE = StreamsConfig.AT_LEAST_ONCE;

    public static final int DEFAULT_THREADS = 1;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Kafka's default is 45 s, for which half a two-router fabric's calls waited for their status and reply after one
     * router crashed (RouterFailoverIT). Heartbeats go out every third of it from a thread of their own, so only a
     * router that cannot run for 10 s loses its partitions, and a rebalance then costs the routers a second or two.
     */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> GUARANTEES = Set.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2);

    public RouterOptions {
        requireText("bootstrap", bootstrap);
        requireText("registryUrl", registryUrl);
        requireText("applicationId", applicationId);
        if (stateDir == null) {
            throw new IllegalArgumentException("stateDir is required");
        }
        requirePositive("commitInterval", commitInterval);
        if (!GUARANTEES.contains(processingGuarantee)) {
            throw new IllegalArgumentException(
                    "processingGuarantee must be one of " + GUARANTEES + ", got '" + processingGuarantee + "'");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        requirePositive("closeTimeout", closeTimeout);
        requirePositive("sessionTimeout", sessionTimeout);
        if (timers == null) {
            throw new IllegalArgumentException("timers is required (TimerOptions.DEFAULTS)");
        }
    }

    /** Options with every default but where Kafka and the registry are. */
    public static RouterOptions defaults(String bootstrap, String registryUrl) {
        return new RouterOptions(
                bootstrap,
                registryUrl,
                DEFAULT_APPLICATION_ID,
                DEFAULT_STATE_DIR,
                DEFAULT_COMMIT_INTERVAL,
                DEFAULT_PROCESSING_GUARANTEE,
                DEFAULT_THREADS,
                DEFAULT_CLOSE_TIMEOUT,
                DEFAULT_SESSION_TIMEOUT,
                TimerOptions.DEFAULTS);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
        }
    }
}
