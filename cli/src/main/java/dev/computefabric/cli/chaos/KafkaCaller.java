package dev.computefabric.cli.chaos;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Calls over Kafka, as a Kafka-native caller would: a {@code FuncCall} on {@code fabric.calls.any} naming its own
 * reply topic, and every reply on that topic counted, so a second answer to the same call shows.
 */
final class KafkaCaller implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(200);

    private final String replyTopic =
            "fabric.replies.chaos-" + UUID.randomUUID().toString().substring(0, 8);
    private final KafkaProducer<String, FuncCall> producer;
    private final KafkaConsumer<String, FuncResult> replies;
    private final Map<String, TrackedCall> byCallId = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    KafkaCaller(String bootstrap, String registryUrl) {
        createReplyTopic(bootstrap);
        FabricSerdes serdes = FabricSerdes.forRegistry(registryUrl);
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                serdes.serializer(FuncCall.class));
        replies = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                serdes.deserializer(FuncResult.class));
        TopicPartition partition = new TopicPartition(replyTopic, 0);
        replies.assign(List.of(partition));
        replies.seekToBeginning(List.of(partition));
        reader = new Thread(this::readReplies, "chaos-kafka-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes the call; accepted once the brokers acknowledged it (acks=all). */
    void call(TrackedCall call) {
        String callId = UUID.randomUUID().toString();
        String args = switch (call.kind) {
            case SLEEP, DEADLINE ->
                "{\"chaosId\":\"" + call.chaosId + "\",\"ms\":"
                        + (call.kind == CallKind.DEADLINE ? CallKind.MAX_SLEEP_MS : HttpCaller.sleepMs(call)) + "}";
            default -> "{\"chaosId\":\"" + call.chaosId + "\"}";
        };
        FuncCall.Builder record = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(call.kind == CallKind.ECHO ? "echo" : "sleep")
                .setArgs(args)
                .setReplyTo(replyTopic)
                .setSubmittedAt(Instant.now());
        if (call.kind == CallKind.DEADLINE) {
            record.setTimeoutMs(CallKind.DEADLINE_MS);
        }
        byCallId.put(callId, call);
        try {
            producer.send(new ProducerRecord<>(Topics.calls(Capset.of()), callId, record.build()))
                    .get();
            call.submitted(TrackedCall.Submission.ACCEPTED, callId);
        } catch (ExecutionException e) {
            call.submitted(TrackedCall.Submission.UNKNOWN, callId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readReplies() {
        try {
            while (running) {
                for (ConsumerRecord<String, FuncResult> record : replies.poll(POLL)) {
                    FuncResult result = record.value();
                    TrackedCall call = result == null ? null : byCallId.get(result.getCallId());
                    if (call != null) {
                        call.replied(new TrackedCall.Answer(result.getState().name(), result.getOutput()));
                    }
                }
            }
        } catch (WakeupException e) {
            // close() stops the loop.
        } finally {
            replies.close();
        }
    }

    private void createReplyTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(replyTopic, java.util.Optional.of(1), java.util.Optional.empty())))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the reply topic " + replyTopic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        replies.wakeup();
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
