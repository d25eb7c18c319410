package dev.computefabric.gateway.kafka;

import static dev.computefabric.gateway.calls.CallTestData.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.FuncResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyListenerTest {

    private static final String TOPIC = "fabric.replies.gw-test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final MockConsumer<String, FuncResult> consumer = new MockConsumer<>("latest");
    private final List<FuncResult> delivered = new CopyOnWriteArrayList<>();
    private ReplyListener listener;

    private ReplyListener start(Consumer<FuncResult> sink) {
        consumer.updatePartitions(
                TOPIC,
                List.of(new PartitionInfo(TOPIC, 0, null, null, null), new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateEndOffsets(Map.of(P0, 7L, P1, 3L));
        listener = new ReplyListener(consumer, TOPIC, sink);
        listener.start();
        return listener;
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void startsAtTheEndOfEveryPartitionBeforeReturning() {
        start(delivered::add);

        assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
        assertThat(consumer.position(P0)).isEqualTo(7L);
        assertThat(consumer.position(P1)).isEqualTo(3L);
    }

    @Test
    void handsEveryReplyToTheSink() {
        start(delivered::add);

        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 7, "c1", finished("c1", "{}")));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 3, "c2", finished("c2", "{}")));

        await().atMost(BOUND).until(() -> delivered.size() == 2);
        assertThat(delivered).extracting(FuncResult::getCallId).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void aReplyTheSinkFailsOnDoesNotStopTheOthers() {
        start(result -> {
            if (result.getCallId().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            delivered.add(result);
        });

        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 7, "bad", finished("bad", "{}")));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 8, "good", finished("good", "{}")));

        await().atMost(BOUND).until(() -> delivered.size() == 1);
        assertThat(delivered.get(0).getCallId()).isEqualTo("good");
    }

    @Test
    void closeStopsTheThreadAndClosesTheConsumer() {
        start(delivered::add).close();

        await().atMost(BOUND).until(consumer::closed);
    }

    @Test
    void asksAgainForATopicTheConsumersBrokerDoesNotKnowYet() {
        // The first two answers come from a broker that has not learnt of the topic yet.
        AtomicInteger asked = new AtomicInteger();
        MockConsumer<String, FuncResult> late = new MockConsumer<>("latest") {
            @Override
            public synchronized List<PartitionInfo> partitionsFor(String topic) {
                return asked.incrementAndGet() <= 2 ? List.of() : super.partitionsFor(topic);
            }
        };
        late.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        late.updateEndOffsets(Map.of(P0, 4L));
        listener = new ReplyListener(late, TOPIC, delivered::add);

        listener.start();

        assertThat(asked).hasValue(3);
        assertThat(late.assignment()).containsExactly(P0);
        assertThat(late.position(P0)).isEqualTo(4L);
    }

    @Test
    void refusesATopicWithoutPartitions() {
        ReplyListener orphan = new ReplyListener(consumer, "fabric.replies.missing", delivered::add);

        assertThatThrownBy(orphan::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no partitions");
        orphan.close();
        assertThat(consumer.closed()).isTrue();
    }
}
