package dev.computefabric.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.gateway.kafka.GatewayTopics;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.infra.stack.ChildJvm;
import dev.computefabric.infra.stack.EmbeddedStack;
import dev.computefabric.infra.stack.FabricComponents;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the router adds to a round trip, on the real broker: a {@code FuncResult} produced to
 * {@code fabric.results} → the reply read from the caller's reply topic, one at a time, against the floor
 * of one direct hop (the same result produced straight to the reply topic). Measured for at_least_once and
 * for exactly_once_v2 with a 10 ms commit interval; the figures are printed, the assertions only guard
 * against a regression by an order of magnitude (the machine is shared with the rest of the build).
 *
 * <p>A measurement, not a behaviour test: it takes about two minutes, so it runs only on request
 * ({@code ./mvnw -pl gateway verify -Dfabric.measure=true -Dit.test=RouterLatencyIT}), never in the default suite.
 */
@EnabledIfSystemProperty(
        named = "fabric.measure",
        matches = "true",
        disabledReason = "a latency measurement; run with -Dfabric.measure=true")
class RouterLatencyIT {

    static final int WARMUP = 800;
    static final int MEASURED = 1_000;
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    static EmbeddedStack stack;
    static FabricSerdes serdes;
    static KafkaProducer<String, FuncCall> calls;
    static KafkaProducer<String, FuncResult> results;
    static String callTopic;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.builder().dataDir(dataDir).build().start();
        serdes = FabricSerdes.forRegistry(stack.registryUrl());
        KafkaClientConfig config = new KafkaClientConfig(stack.bootstrap(), "latency-it");
        calls = new KafkaProducer<>(config.producer(), new StringSerializer(), serdes.serializer(FuncCall.class));
        results = new KafkaProducer<>(config.producer(), new StringSerializer(), serdes.serializer(FuncResult.class));
        try (Admin admin = Admin.create(config.admin());
                GatewayTopics topics = new GatewayTopics(admin)) {
            // No executor serves this capability: the test plays the executor.
            callTopic = topics.topicFor(Capset.of(Set.of("latency-it")), Priority.NORMAL)
                    .join();
            topics.ensureReplyTopic(Topics.replies("latency-alo"));
            topics.ensureReplyTopic(Topics.replies("latency-eos"));
        }
    }

    @AfterAll
    static void stopStack() {
        if (calls != null) {
            calls.close();
            results.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theRouterAddsAFewMillisecondsAtTheMedian() throws Exception {
        String aloReplies = Topics.replies("latency-alo");
        String eosReplies = Topics.replies("latency-eos");
        Summary floor;
        Summary alo;
        Summary eos;
        try (KafkaConsumer<String, FuncResult> alo1 = replyConsumer(aloReplies)) {
            floor = measure(alo1, aloReplies, false);
        }
        ChildJvm router = startRouter("fabric-router-alo", "at_least_once", "100");
        try (KafkaConsumer<String, FuncResult> replies = replyConsumer(aloReplies)) {
            alo = measure(replies, aloReplies, true);
        } finally {
            router.stop();
        }
        router = startRouter("fabric-router-eos", "exactly_once_v2", "10");
        try (KafkaConsumer<String, FuncResult> replies = replyConsumer(eosReplies)) {
            eos = measure(replies, eosReplies, true);
        } finally {
            router.stop();
        }
        System.out.printf(
                "ROUTER-LATENCY floor(1 hop) %s%nROUTER-LATENCY at_least_once commit=100ms %s%n"
                        + "ROUTER-LATENCY exactly_once_v2 commit=10ms %s%n",
                floor, alo, eos);
        assertThat(alo.p50Ms()).isLessThan(50);
    }

    private static Summary measure(KafkaConsumer<String, FuncResult> replies, String replyTopic, boolean viaRouter)
            throws Exception {
        double[] ms = new double[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            String callId = UUID.randomUUID().toString();
            Instant now = Instant.now();
            if (viaRouter) {
                calls.send(new ProducerRecord<>(
                                callTopic,
                                callId,
                                FuncCall.newBuilder()
                                        .setCallId(callId)
                                        .setFunction("echo")
                                        .setReplyTo(replyTopic)
                                        .setSubmittedAt(now)
                                        .build()))
                        .get();
            }
            FuncResult result = FuncResult.newBuilder()
                    .setCallId(callId)
                    .setFunction("echo")
                    .setState(CallState.FINISHED)
                    .setOutput("{}")
                    .setFinishedAt(now)
                    .build();
            long start = System.nanoTime();
            results.send(new ProducerRecord<>(viaRouter ? Topics.RESULTS : replyTopic, callId, result));
            awaitReply(replies, callId);
            if (i >= WARMUP) {
                ms[i - WARMUP] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new Summary(ms[ms.length / 2], ms[(int) (ms.length * 0.99)], ms[ms.length - 1]);
    }

    private static void awaitReply(KafkaConsumer<String, FuncResult> replies, String callId) {
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, FuncResult> record : replies.poll(Duration.ofMillis(100))) {
                if (callId.equals(record.key())) {
                    return;
                }
            }
        }
        throw new AssertionError("no reply for " + callId + " within " + REPLY_TIMEOUT);
    }

    private static KafkaConsumer<String, FuncResult> replyConsumer(String topic) {
        KafkaConsumer<String, FuncResult> consumer = new KafkaConsumer<>(
                new KafkaClientConfig(stack.bootstrap(), "latency-it").replyConsumer(),
                new StringDeserializer(),
                serdes.deserializer(FuncResult.class));
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static ChildJvm startRouter(String applicationId, String guarantee, String commitMs) {
        return stack.startChild(
                applicationId,
                FabricComponents.ROUTER_MODULE,
                FabricComponents.ROUTER_MAIN,
                List.of(
                        "--bootstrap",
                        stack.bootstrap(),
                        "--registry",
                        stack.registryUrl(),
                        "--application-id",
                        applicationId,
                        "--processing-guarantee",
                        guarantee,
                        "--commit-interval-ms",
                        commitMs,
                        "--state-dir",
                        stack.dataDir().resolve(applicationId).toString()),
                List.of("-Xmx256m", "-XX:+UseSerialGC"),
                Map.of());
    }

    record Summary(double p50Ms, double p99Ms, double maxMs) {
        @Override
        public String toString() {
            return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", p50Ms, p99Ms, maxMs, MEASURED);
        }
    }
}
