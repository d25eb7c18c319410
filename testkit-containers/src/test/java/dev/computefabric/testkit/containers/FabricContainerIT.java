package dev.computefabric.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.KafkaSubmitter;
import dev.computefabric.sdk.KafkaSubmitterOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The fabric from its images, two executors of the built-ins: calls through the gateway and straight over Kafka, from
 * this JVM through the mapped ports. Skipped, saying why, where no engine answers or the images are missing.
 */
@EnabledIfFabricImages
@Testcontainers
class FabricContainerIT {

    /** Per call: generous, for a busy CI machine. */
    static final Duration BOUND = Duration.ofMinutes(2);

    @Container
    static final FabricContainer FABRIC = new FabricContainer().withExecutors(2).withSlots(2);

    @Test
    void aCallThroughTheGatewayRunsOnAnExecutorContainerAndComesBack() {
        FabricClient fabric = FabricClient.connect(FABRIC.gatewayUrl());

        @SuppressWarnings("unchecked")
        Map<String, Object> echoed = fabric.call("echo", Map.of("to", "gateway"), Map.class, BOUND);

        assertThat(echoed).containsEntry("to", "gateway");
        assertThat(FABRIC.executors()).hasSize(2);
    }

    @Test
    void aCallStraightToKafkaGetsItsResultOnAReplyTopicOfItsOwn() {
        KafkaSubmitterOptions options = new KafkaSubmitterOptions(
                FABRIC.bootstrapServers(),
                FABRIC.registryUrl(),
                KafkaSubmitterOptions.REPLY_TOPIC_PREFIX + UUID.randomUUID(),
                BOUND);
        try (KafkaSubmitter kafka = KafkaSubmitter.start(options)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> echoed = kafka.call("echo", Map.of("to", "kafka"), List.of(), Map.class);

            assertThat(echoed).containsEntry("to", "kafka");
        }
    }
}
