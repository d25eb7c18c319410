package dev.computefabric.executor.kafka;

import dev.computefabric.executor.ExecutorOptions;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The executor's Kafka client properties, one method per role. No other class sets a client property. */
public final class KafkaProps {

    /** Broker-side wait for a fetch with no data: low, because a call waiting in a fetch is latency. */
    public static final int FETCH_MAX_WAIT_MS = 5;
    /**
     * A lane's share fetch with no record to hand out waits this long at the broker when the broker runs Kafka's own
     * share-group assignor. An append wakes it, but records released or unlocked on its partitions (a call handed
     * back, a crashed node's calls after its session timeout) do not: the fetch waits its whole time, and with
     * Kafka's assignor a lane reads only the partition its member id hashes to, so it waits while other partitions
     * have calls. At 500 ms a 1-slot node next to an 8-slot one ran 1 call of 200, and on a busy machine a node got
     * no call for 20 s; at 5 ms sixteen idle lanes cost the broker a fifth of a core. 50 ms: the 1-slot node ran
     * 31-64 of 200, an idle fabric 20.5 % of a core against 38.2 % at 5 ms (docs/benchmarks.md).
     */
    public static final int SHARE_FETCH_MAX_WAIT_MS = 50;
    /**
     * The same wait on a broker that gives every lane every partition of its topic (the fabric's,
     * {@code EveryPartitionAssignor}): a fetch then waits only when no partition has a call left to take, when only
     * a release could end it early. Each idle lane's fetch watches every partition, and at 50 ms an idle fabric cost
     * 58 % of a core against 26.5 % at 500 (docs/benchmarks.md, "6 December").
     */
    public static final int SHARE_FETCH_MAX_WAIT_EVERY_PARTITION_MS = 500;
    /**
     * The control consumer is a plain consumer: the broker answers its fetch as soon as a command is
     * appended, so the wait (Kafka's default) costs no cancel latency and spares 200 empty fetches a second.
     */
    public static final int CONTROL_FETCH_MAX_WAIT_MS = 500;
    /** A new capability topic is seen by the regex subscription within this much. */
    public static final int METADATA_MAX_AGE_MS = 3_000;
    /**
     * Classic-protocol rebalances finish only after every member heard of them through a heartbeat, and a
     * cooperative rebalance takes two rounds: 1 s (default 3 s) lets a joining executor start in about
     * 2 s instead of 5-6 s, for one small request per second per executor.
     */
    public static final int HEARTBEAT_INTERVAL_MS = 1_000;
    /** Batching window for results and events: short, because every result is on some caller's critical path. */
    public static final int LINGER_MS = 1;

    private KafkaProps() {}

    /** The consumer of the capability topics, in the group all executors share (classic protocol). */
    public static Properties callsConsumer(ExecutorOptions options) {
        Properties props = common(options, "calls");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        // Classic protocol: the consumer loop is built on pause()/resume() and its own offset tracking,
        // which work against brokers older than 4.2, where share groups (the default dispatch) are missing.
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        // Cooperative: a joining or leaving executor moves only the partitions that change hands, so the
        // others keep running and committing while the group rebalances.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(HEARTBEAT_INTERVAL_MS));
        // How long a crashed executor's partitions stay with it before the group moves them.
        props.put(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                Long.toString(options.sessionTimeout().toMillis()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A call produced before any executor joined is still a call to run.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Records taken by one poll wait in the executor's backlog until a slot frees; with at most one
        // poll's worth per slot, the backlog stays small and records not yet started go back to the group
        // quickly on a rebalance.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(options.slots()));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_MAX_WAIT_MS));
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Integer.toString(METADATA_MAX_AGE_MS));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Values are decoded per record by the dispatcher, so one undecodable record cannot wedge the loop.
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * One lane's consumer in the executors' share group. Explicit acknowledgement (ACCEPT on completion,
     * RELEASE to hand back, REJECT poison, RENEW long calls) and at most one record per poll, acquired only
     * with a slot reserved for it: {@code record_limit} makes the broker acquire no more than
     * {@code max.poll.records} (the default {@code batch_optimized} may hand out a whole batch). A lane has one
     * such consumer per capability topic it reads, all in the one group: {@code calls-3} for
     * {@code fabric.calls.any}, {@code calls-3-python}, {@code calls-3-any.-high} for the others.
     *
     * @param everyPartition the brokers give every member every partition of its topics (see
     *                       {@link #SHARE_FETCH_MAX_WAIT_EVERY_PARTITION_MS})
     */
    public static Properties shareConsumer(ExecutorOptions options, int lane, String topic, boolean everyPartition) {
        String served = topic.substring(Topics.CALLS_PREFIX.length());
        String suffix = topic.equals(Topics.calls(Capset.of())) ? "" : "-" + served;
        Properties props = common(options, "calls-" + lane + suffix);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        props.put(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                Integer.toString(everyPartition ? SHARE_FETCH_MAX_WAIT_EVERY_PARTITION_MS : SHARE_FETCH_MAX_WAIT_MS));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Follows {@code fabric.control}: assigned every partition, no group, so every executor sees every command. */
    public static Properties controlConsumer(ExecutorOptions options) {
        Properties props = common(options, "control");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(CONTROL_FETCH_MAX_WAIT_MS));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Lists capability topics and configures the share group. */
    public static Properties admin(ExecutorOptions options) {
        return common(options, "admin");
    }

    /** The one producer for events, results, dead letters and presence. */
    public static Properties producer(ExecutorOptions options) {
        return producer(options.bootstrap(), options.executorId());
    }

    /** The producer of executor {@code executorId}; also what the benchmark's floor sends with where it stands in for one. */
    public static Properties producer(String bootstrap, String executorId) {
        Properties props = common(bootstrap, executorId, "producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(LINGER_MS));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Properties common(ExecutorOptions options, String role) {
        return common(options.bootstrap(), options.executorId(), role);
    }

    private static Properties common(String bootstrap, String executorId, String role) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("client.id", executorId + "-" + role);
        props.putAll(FabricCredentials.kafkaPropertiesFromEnvironment());
        return props;
    }
}
