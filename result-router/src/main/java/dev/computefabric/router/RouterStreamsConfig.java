package dev.computefabric.router;

import dev.computefabric.router.errors.PoisonRecordHandler;
import dev.computefabric.router.errors.ProcessingFailureHandler;
import dev.computefabric.router.errors.ReplyFailureHandler;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The router's Kafka Streams configuration: the one place its client properties are set. */
public final class RouterStreamsConfig {

    /**
     * Streams raises its producer's {@code linger.ms} to 100 ms, which costs ~105 ms per hop (FINDINGS,
     * pitfall 1). One millisecond still lets a busy router batch.
     */
    static final int PRODUCER_LINGER_MS = 1;
    /**
     * How long a send may wait for a topic's metadata. A reply to a topic that does not exist waits this
     * long before {@link ReplyFailureHandler} skips it, and the task stalls meanwhile: measured, the
     * default 60 s stalled all routing of the task for a minute per such reply.
     */
    static final int PRODUCER_MAX_BLOCK_MS = 5_000;
    /**
     * The broker answers a waiting fetch as soon as a record is appended to any of its partitions, so this only
     * spaces out empty fetches (Kafka's default): at 5 ms an idle router asked 200 times a second.
     */
    static final int CONSUMER_FETCH_MAX_WAIT_MS = 500;
    /**
     * The pattern subscription only sees a capability topic created while the router runs after a
     * metadata refresh; the default (5 min) would leave such calls without status for minutes.
     */
    static final int METADATA_MAX_AGE_MS = 3_000;

    /**
     * How long a stream thread blocks in {@code poll} when no data is there. With exactly-once, transaction
     * commits (which make the output visible) only happen between polls: with the default 100 ms,
     * exactly_once_v2 measured p50 107 ms however low the commit interval was (RouterLatencyIT).
     */
    static final long EXACTLY_ONCE_POLL_MS = 5L;
    /**
     * With at-least-once, output is visible when it is sent and a poll returns as soon as records arrive, so
     * blocking longer on an idle router costs nothing but up to this much lateness of timers and commits (the
     * timer tick is 100 ms anyway); at 5 ms the idle loop ran 200 times a second.
     */
    static final long AT_LEAST_ONCE_POLL_MS = 100L;

    /**
     * Record cache of all stores of a router instance. A call's entries are a few hundred bytes; 16 MiB holds the
     * writes of tens of thousands of calls between two commits (a second), within the router's 256 MiB heap.
     */
    static final long STORE_CACHE_BYTES = 16L << 20;

    /** Heartbeats per session timeout: Kafka's advice (and its defaults, 3 s in 10 s before Kafka 3.0). */
    static final int HEARTBEATS_PER_SESSION = 3;

    /** Streams' value for "process what is there, do not wait for other partitions of the task". */
    static final long MAX_TASK_IDLE_NEVER = -1L;

    private RouterStreamsConfig() {}

    public static Properties properties(RouterOptions options) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        // Unprefixed, so Streams' consumers, producers and admin client all log in.
        props.putAll(FabricCredentials.kafkaPropertiesFromEnvironment());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                options.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                options.commitInterval().toMillis());
        props.put(
                StreamsConfig.POLL_MS_CONFIG,
                StreamsConfig.AT_LEAST_ONCE.equals(options.processingGuarantee())
                        ? AT_LEAST_ONCE_POLL_MS
                        : EXACTLY_ONCE_POLL_MS);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
        // The stores' record cache coalesces writes between commits (see RouterTopology.addStore). The processors
        // forward what they decide themselves, so the cache delays no status and no reply.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, STORE_CACHE_BYTES);
        // Never hold a record back to interleave the source topics by timestamp:
        // CallLifecycle handles any order explicitly, so waiting on an empty partition only adds latency.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE_NEVER);

        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), PRODUCER_MAX_BLOCK_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), CONSUMER_FETCH_MAX_WAIT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), METADATA_MAX_AGE_MS);
        int sessionTimeoutMs = Math.toIntExact(options.sessionTimeout().toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionTimeoutMs);
        props.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                sessionTimeoutMs / HEARTBEATS_PER_SESSION);
        // Streams already reads a newly assigned partition from the earliest offset; a capability topic
        // created while the router runs therefore loses none of the calls written before it was noticed.

        // Each handler sends what is wrong with one record to the dead-letter topic and goes on, and
        // fails (the thread is replaced, the record read again) on what is not the record's fault.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ReplyFailureHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailureHandler.class);
        // The router has no global stores; this only opts in to the Kafka 5.0 default now.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }
}
