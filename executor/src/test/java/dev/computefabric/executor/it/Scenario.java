package dev.computefabric.executor.it;

import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.ControlCommand;
import dev.computefabric.avro.ControlType;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.executor.DispatchMode;
import dev.computefabric.executor.ExecutorMain;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.tables.S3Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * One test's corner of the shared stack: its own capability tag (so its own {@code fabric.calls.<tag>}), its
 * own group, its executors; calls produced straight to Kafka, results read back by callId.
 */
final class Scenario implements AutoCloseable {

    final EmbeddedStack stack;
    final Observer observer;
    final String tag = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    final String group = "g-" + tag;
    final DispatchMode mode;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<FuncCall> calls;
    private final Serializer<ControlCommand> commands;
    private final List<ChildJvm> executors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int callCount;

    Scenario(DispatchMode mode) {
        this(mode, SharedStack.get(), SharedStack.observer());
    }

    /** The stack's S3, as table storage sees it. */
    S3Settings s3Settings() {
        return new S3Settings(
                URI.create(stack.s3Endpoint()),
                stack.s3Bucket(),
                stack.s3AccessKey(),
                stack.s3SecretKey(),
                S3Settings.DEFAULT_REGION);
    }

    Scenario(DispatchMode mode, EmbeddedStack stack, Observer observer) {
        this.stack = stack;
        this.observer = observer;
        this.mode = mode;
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrap());
        this.admin = Admin.create(props);
        props.put("acks", "all");
        props.put("linger.ms", "1");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        FabricSerdes serdes = FabricSerdes.forRegistry(stack.registryUrl());
        this.calls = serdes.serializer(FuncCall.class);
        this.commands = serdes.serializer(ControlCommand.class);
    }

    /** Creates (and waits for) the capability topic for {@code tags}. */
    String topic(String... tags) {
        return new TopicProvisioner().ensureCallsTopic(admin, Capset.of(tags));
    }

    /** Creates (and waits for) the capability topic for {@code tags} at {@code priority}. */
    String topic(Priority priority, String... tags) {
        return new TopicProvisioner().ensureCallsTopic(admin, Capset.of(tags), priority);
    }

    /** Sets a share-group config (e.g. the lock duration) before any member joins. */
    void groupConfig(String name, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        admin.incrementalAlterConfigs(Map.of(
                        resource, List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                .all()
                .get(10, TimeUnit.SECONDS);
    }

    /** Starts an executor with further arguments appended as they are (for options given more than once). */
    ChildJvm executorWith(String id, int slots, List<String> moreArgs) {
        List<String> pairs = new ArrayList<>();
        for (String arg : moreArgs) {
            pairs.add(arg);
            pairs.add(null);
        }
        return executor(id, slots, pairs.toArray(String[]::new));
    }

    /**
     * Starts an executor serving {@code capabilities} (default: this scenario's tag) and waits until it is ready.
     * {@code extraArgs} are option/value pairs replacing the defaults; a null value adds the option alone.
     */
    ChildJvm executor(String id, int slots, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap",
                stack.bootstrap(),
                "--registry",
                stack.registryUrl(),
                "--capabilities",
                tag,
                "--no-detect-runtimes",
                "--slots",
                Integer.toString(slots),
                "--id",
                id,
                "--group",
                group,
                "--dispatch",
                mode.name().toLowerCase(Locale.ROOT),
                "--max-load-per-core",
                "0",
                "--drain-timeout",
                "5s",
                "--session-timeout",
                "6s"));
        for (int i = 0; i < extraArgs.length; i += 2) {
            if (extraArgs[i + 1] == null) {
                args.add(extraArgs[i]);
                continue;
            }
            int at = args.indexOf(extraArgs[i]);
            if (at >= 0) {
                args.set(at + 1, extraArgs[i + 1]);
            } else {
                args.add(extraArgs[i]);
                args.add(extraArgs[i + 1]);
            }
        }
        ChildJvm child = stack.startChild(
                id,
                "executor",
                ExecutorMain.class.getName(),
                args,
                List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
                Map.of());
        executors.add(child);
        return child;
    }

    /** A call id unique to this scenario. */
    String callId(String name) {
        return tag + "-" + name;
    }

    FuncCall call(String name, String function, String args) {
        callCount++;
        return FuncCall.newBuilder()
                .setCallId(callId(name))
                .setFunction(function)
                .setArgs(args)
                .setRequirements(List.of(tag))
                .setSubmittedAt(Instant.now())
                .build();
    }

    FuncCall call(String name, String function, String args, Priority priority) {
        FuncCall call = call(name, function, args);
        call.setPriority(priority);
        return call;
    }

    void produce(String topic, FuncCall call) {
        send(topic, call.getCallId(), calls.serialize(topic, call));
    }

    /** Produces {@code call} to {@code partition} of {@code topic}, as a caller with its own partitioner would. */
    void produce(String topic, int partition, FuncCall call) {
        try {
            producer.send(new ProducerRecord<>(
                            topic,
                            partition,
                            call.getCallId().getBytes(StandardCharsets.UTF_8),
                            calls.serialize(topic, call)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce " + call.getCallId() + " to " + topic, e);
        }
    }

    /**
     * Produces {@code calls} to the partitions of {@code topic} in turn. Members of a group each read some partitions,
     * so calls keyed at random can all land on one member's; in turn, every member gets its part.
     */
    void produceAcrossPartitions(String topic, List<FuncCall> calls) {
        int partitions = partitions(topic);
        for (int i = 0; i < calls.size(); i++) {
            produce(topic, i % partitions, calls.get(i));
        }
    }

    int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /** The partition Java's default partitioner gives {@code name}'s call id on {@code topic}. */
    int hashedPartition(String topic, String name) {
        return Utils.toPositive(Utils.murmur2(callId(name).getBytes(StandardCharsets.UTF_8))) % partitions(topic);
    }

    void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce " + key + " to " + topic, e);
        }
    }

    /** Produces a CANCEL for the scenario's call {@code name} to {@code fabric.control}. */
    void cancel(String name, String reason) {
        ControlCommand command = ControlCommand.newBuilder()
                .setCallId(callId(name))
                .setType(ControlType.CANCEL)
                .setAt(Instant.now())
                .setReason(reason)
                .build();
        send(Topics.CONTROL, callId(name), commands.serialize(Topics.CONTROL, command));
    }

    /**
     * Produces echo calls to {@code topic} until every one of {@code executorIds} has run one: all of them have
     * joined the group, hold part of the topic and take work. Readiness alone does not say that: a member's first
     * assignment can take a few heartbeats on a busy broker, and a test that counts on both taking work from the
     * start would otherwise race it.
     */
    void warmUp(String topic, String... executorIds) {
        List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();
        await("every one of " + List.of(executorIds) + " running a warm-up call")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String name = "warm-up-" + names.size();
                    names.add(name);
                    produce(topic, call(name, "echo", "{}"));
                    Set<String> served = names.stream()
                            .map(this::result)
                            .filter(Objects::nonNull)
                            .map(FuncResult::getExecutorId)
                            .collect(Collectors.toSet());
                    return served.containsAll(List.of(executorIds));
                });
    }

    List<FuncResult> results(String name) {
        return observer.results(callId(name));
    }

    FuncResult result(String name) {
        List<FuncResult> results = results(name);
        return results.isEmpty() ? null : results.get(0);
    }

    /** The calls {@code executorId} started that have no result yet. */
    List<String> running(List<String> names, String executorId) {
        return startedOn(names, executorId).stream()
                .filter(name -> results(name).isEmpty())
                .toList();
    }

    /**
     * Those of {@code orphans} whose first result came from {@code executorId}. A call a killed node finished just
     * before it died counts among its running calls when the observer had not read its result yet: it is no orphan.
     */
    List<String> rerunOn(List<String> orphans, String executorId) {
        return orphans.stream()
                .filter(name ->
                        result(name) != null && result(name).getExecutorId().equals(executorId))
                .toList();
    }

    List<String> startedOn(List<String> names, String executorId) {
        List<String> started = new ArrayList<>();
        for (String name : names) {
            List<CallEvent> events = observer.started(callId(name));
            if (events.stream().anyMatch(e -> e.getExecutorId().equals(executorId))) {
                started.add(name);
            }
        }
        return started;
    }

    @Override
    public void close() {
        for (int i = executors.size() - 1; i >= 0; i--) {
            executors.get(i).stop();
        }
        producer.close();
        admin.close();
    }
}
