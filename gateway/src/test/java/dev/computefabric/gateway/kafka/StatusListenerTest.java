package dev.computefabric.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status follower's two paces: what it reads, from which consumer, and that a change of pace loses nothing. */
class StatusListenerTest {

    private static final String TOPIC = "fabric.status";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final MockConsumer<String, String> prompt = consumerOfOnePartition();
    private final MockConsumer<String, String> lazy = consumerOfOnePartition();
    private final AtomicBoolean promptWanted = new AtomicBoolean();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final StatusListener<String> listener =
            new StatusListener<>(prompt, lazy, promptWanted::get, TOPIC, (callId, status) -> delivered.add(status));

    @AfterEach
    void stop() {
        listener.close();
    }

    @Test
    void readsLazilyWhileNobodyNeedsStatusesAtOnceAndPromptlyWhenSomeoneDoes_fromWhereTheOtherStopped() {
        // Both consumers read the same topic: each is given the records it would see, the earlier ones too, so a
        // consumer that did not start where the other stopped would hand some over twice.
        prompt.updateEndOffsets(Map.of(P0, 2L));
        listener.start();
        append(prompt, 0, 1);
        await().atMost(BOUND).until(() -> delivered.size() == 2);

        append(lazy, 0, 1, 2, 3);
        await().atMost(BOUND).until(() -> delivered.size() == 4);

        promptWanted.set(true);
        append(prompt, 2, 3, 4, 5);
        await().atMost(BOUND).until(() -> delivered.size() == 6);

        assertThat(delivered).containsExactly("s0", "s1", "s2", "s3", "s4", "s5");
        assertThat(listener.caughtUp()).isTrue();
    }

    @Test
    void closeClosesBothConsumers() {
        prompt.updateEndOffsets(Map.of(P0, 0L));
        listener.start();

        listener.close();

        await().atMost(BOUND).until(() -> prompt.closed() && lazy.closed());
    }

    private static MockConsumer<String, String> consumerOfOnePartition() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        return consumer;
    }

    private static void append(MockConsumer<String, String> consumer, int... offsets) {
        for (int offset : offsets) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "call-" + offset, "s" + offset));
        }
    }
}
