package dev.computefabric.sdk;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.Priority;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.kafka.Sends;
import dev.computefabric.kafka.TopicProvisioner;
import dev.computefabric.kafka.TopicProvisioningException;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Submits calls straight to Kafka, no gateway involved: produces a {@link FuncCall} to its capability topic
 * naming this submitter's own reply topic in {@code replyTo}, and completes the call's future when the
 * router forwards the {@link FuncResult} there. Thread-safe; close it to stop its reply reader.
 *
 * <pre>{@code
 * try (KafkaSubmitter submitter = KafkaSubmitter.start(KafkaSubmitterOptions.of(bootstrap, registryUrl))) {
 *     FuncResult result = submitter.call("echo", "{\"x\":1}", List.of());
 * }
 * }</pre>
 */
public final class KafkaSubmitter implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaSubmitterOptions options;
    private final Admin admin;
    private final TopicProvisioner topics;
    private final Set<String> readyTopics = ConcurrentHashMap.newKeySet();
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, FuncResult> replies;
    private final Map<String, CompletableFuture<FuncResult>> pending = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    private KafkaSubmitter(KafkaSubmitterOptions options, FabricSerdes serdes) {
        this.options = options;
        this.admin = Admin.create(SubmitterClientConfig.admin(options.bootstrap(), options.clientProperties()));
        this.topics = new TopicProvisioner(TopicProvisioner.Options.defaults().withTimeout(options.timeout()));
        try {
            topics.ensureReplyTopic(admin, options.replyTopic());
        } catch (TopicProvisioningException e) {
            // What it still retries (a login the broker refuses) has nothing left to finish.
            admin.close(Duration.ZERO);
            throw new FabricException(
                    0,
                    "cannot create reply topic '" + options.replyTopic() + "' on " + options.bootstrap() + ": "
                            + e.getMessage() + loginHint(options),
                    e);
        }
        Serializer<FuncCall> calls = serdes.serializer(FuncCall.class);
        Serializer<Pipeline> pipelines = serdes.serializer(Pipeline.class);
        this.producer = new KafkaProducer<>(
                SubmitterClientConfig.producer(options.bootstrap(), options.clientProperties()),
                new StringSerializer(),
                (topic, record) -> record instanceof Pipeline pipeline
                        ? pipelines.serialize(topic, pipeline)
                        : calls.serialize(topic, (FuncCall) record));
        this.replies = new KafkaConsumer<>(
                SubmitterClientConfig.replyConsumer(options.bootstrap(), options.clientProperties()),
                new StringDeserializer(),
                serdes.deserializer(FuncResult.class));
        TopicPartition partition = new TopicPartition(options.replyTopic(), 0);
        replies.assign(List.of(partition));
        replies.seekToEnd(List.of(partition));
        // Resolve the position now: a reply that arrives before the first poll must not be skipped.
        replies.position(partition, options.timeout());
        this.reader = NamedThreads.start("fabric-replies-" + options.replyTopic(), this::readReplies);
    }

    /**
     * A broker that wants a SASL login closes a plaintext connection without a word: the client only sees the request
     * time out. Say so when no login was configured.
     */
    private static String loginHint(KafkaSubmitterOptions options) {
        return options.logsIn()
                ? ""
                : "; no security.protocol is set, so the submitter connected without logging in: a secure fabric"
                        + " closes such connections. Load its caller.properties (KafkaSubmitterOptions.fromProperties)"
                        + " or set the login with withClientProperties";
    }

    /** Creates the reply topic if missing and starts reading it. */
    public static KafkaSubmitter start(KafkaSubmitterOptions options) {
        return new KafkaSubmitter(options, FabricSerdes.forRegistry(options.registryUrl()));
    }

    public String replyTopic() {
        return options.replyTopic();
    }

    /**
     * Produces a call to {@code fabric.calls.<capset of its requirements and the options' requirements>} (creating that topic if no one used the
     * capset before) and returns a future of its result, failed with a {@link TimeoutException} after the
     * submitter's timeout. The future completes exceptionally with {@link FabricException} if the write fails.
     */
    public CompletableFuture<FuncResult> submit(String function, String argsJson, List<String> callRequirements) {
        return submit(function, argsJson, callRequirements, Priority.NORMAL);
    }

    /**
     * Like {@link #submit(String, String, List)}, queued at {@code priority}: HIGH and LOW calls go to their
     * level's topic ({@code fabric.calls.<capset>.-high} / {@code .-low}), created if no one used it before.
     */
    public CompletableFuture<FuncResult> submit(
            String function, String argsJson, List<String> callRequirements, Priority priority) {
        List<String> requirements = Requirements.union(options.requirements(), callRequirements);
        String callId = UUID.randomUUID().toString();
        FuncCall call = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(function)
                .setArgs(argsJson)
                .setRequirements(requirements)
                .setReplyTo(options.replyTopic())
                .setSubmittedAt(Instant.now())
                .setPriority(priority)
                .build();
        Capset capset = Capset.of(requirements);
        String topic = Topics.calls(capset, priority);
        CompletableFuture<FuncResult> result = awaitReply(callId);
        try {
            ensureCallsTopic(capset, priority, topic);
            Sends.send(producer, new ProducerRecord<>(topic, callId, call)).whenComplete((metadata, e) -> {
                if (e != null) {
                    result.completeExceptionally(
                            new FabricException(0, "call " + callId + " not written to " + topic + ": " + e, e));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Produces a pipeline to {@code fabric.pipelines} (docs/pipelines.md) and returns a future of its completion, the
     * {@link FuncResult} the router sends to this submitter's reply topic when the pipeline ends ({@code callId} is
     * the pipeline id; {@code output} maps each finished step to its output). {@code pipelineId}, {@code replyTo}
     * and {@code submittedAt} are filled in when unset. Fails like {@link #submit} after the submitter's timeout.
     */
    public CompletableFuture<FuncResult> submitPipeline(Pipeline pipeline) {
        Pipeline sent = Pipeline.newBuilder(pipeline)
                .setPipelineId(
                        pipeline.getPipelineId() == null
                                        || pipeline.getPipelineId().isEmpty()
                                ? UUID.randomUUID().toString()
                                : pipeline.getPipelineId())
                .setReplyTo(pipeline.getReplyTo() == null ? options.replyTopic() : pipeline.getReplyTo())
                .setSubmittedAt(pipeline.getSubmittedAt() == null ? Instant.now() : pipeline.getSubmittedAt())
                .build();
        String pipelineId = sent.getPipelineId();
        CompletableFuture<FuncResult> result = awaitReply(pipelineId);
        Sends.send(producer, new ProducerRecord<>(Topics.PIPELINES, pipelineId, sent))
                .whenComplete((metadata, e) -> {
                    if (e != null) {
                        result.completeExceptionally(new FabricException(
                                0, "pipeline " + pipelineId + " not written to " + Topics.PIPELINES + ": " + e, e));
                    }
                });
        return result;
    }

    /** A future completed by the reply for {@code id}, failed after the submitter's timeout. */
    private CompletableFuture<FuncResult> awaitReply(String id) {
        CompletableFuture<FuncResult> result = new CompletableFuture<>();
        pending.put(id, result);
        result.orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id));
        return result;
    }

    /** {@link #submit} and wait for the result. */
    public FuncResult call(String function, String argsJson, List<String> requirements) {
        try {
            return submit(function, argsJson, requirements).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new FabricException(0, function + ": no result within " + options.timeout(), e.getCause());
            }
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new FabricException(0, e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FabricException(0, "interrupted while waiting for " + function, e);
        }
    }

    /**
     * Calls {@code function} with {@code args} (a record, a map, or anything Jackson writes as a JSON object) on
     * the capability topic of {@code requirements}, and returns its output read as a {@code resultType}.
     *
     * @throws CallFailedException the call failed, was cancelled or timed out, or its output is not a {@code resultType}
     */
    public <T> T call(String function, Object args, List<String> requirements, Class<T> resultType) {
        FuncResult result = call(function, TypedJson.args(args).toString(), requirements);
        if (result.getState() != CallState.FINISHED) {
            String type = result.getError() == null ? null : result.getError().getType();
            String reason = result.getError() == null
                    ? ""
                    : ": " + type + ": " + result.getError().getMessage();
            throw new CallFailedException(
                    result.getCallId(),
                    result.getState().name(),
                    type,
                    "call " + result.getCallId() + " of '" + function + "' ended " + result.getState() + reason);
        }
        try {
            return TypedJson.read(result.getOutput(), resultType);
        } catch (java.io.IOException e) {
            throw new CallFailedException(
                    result.getCallId(),
                    result.getState().name(),
                    null,
                    "the output of call " + result.getCallId() + " of '" + function + "' does not read as a "
                            + resultType.getName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        replies.wakeup();
        try {
            reader.join(options.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
        admin.close(CLOSE_TIMEOUT);
        pending.values().forEach(f -> f.completeExceptionally(new FabricException(0, "submitter closed", null)));
    }

    private void readReplies() {
        try {
            while (!closed) {
                replies.poll(POLL).forEach(record -> {
                    CompletableFuture<FuncResult> waiting = pending.remove(record.key());
                    // A late or duplicate reply has nobody waiting: nothing to do.
                    if (waiting != null && record.value() != null) {
                        waiting.complete(record.value());
                    }
                });
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } finally {
            replies.close(CLOSE_TIMEOUT);
        }
    }

    /** Creates a capability topic no one used before, like the results topic (the router joins them); once per topic. */
    private void ensureCallsTopic(Capset capset, Priority priority, String topic) {
        // fabric.calls.any is one of the fabric's own topics: provisioned with the fabric, not here.
        if (topic.equals(Topics.calls(Capset.of())) || readyTopics.contains(topic)) {
            return;
        }
        try {
            topics.ensureCallsTopic(admin, capset, priority);
        } catch (TopicProvisioningException e) {
            throw new FabricException(0, "cannot create topic '" + topic + "': " + e.getMessage(), e);
        }
        readyTopics.add(topic);
    }
}
