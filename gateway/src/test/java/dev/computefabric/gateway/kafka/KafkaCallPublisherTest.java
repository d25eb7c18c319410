package dev.computefabric.gateway.kafka;

import static dev.computefabric.gateway.calls.CallTestData.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaCallPublisherTest {

    private static final Serializer<FuncCall> OPAQUE = (topic, call) -> new byte[] {1};

    private final MockProducer<String, FuncCall> producer =
            new MockProducer<>(false, null, new StringSerializer(), OPAQUE);
    private final KafkaCallPublisher publisher = new KafkaCallPublisher(producer);

    @Test
    void theCallIsKeyedByItsIdAndAcceptedOnlyOnceAcknowledged() {
        CompletableFuture<Void> acked = publisher.publish("fabric.calls.any", call("c1"));

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("fabric.calls.any");
            assertThat(record.key()).isEqualTo("c1");
        });
        assertThat(acked).isNotDone();

        producer.completeNext();
        assertThat(acked).isCompleted();
    }

    @Test
    void aFailedWriteFailsTheFuture() {
        CompletableFuture<Void> acked = publisher.publish("fabric.calls.any", call("c1"));

        producer.errorNext(new TimeoutException("expired"));

        assertThat(acked).isCompletedExceptionally();
    }

    @Test
    void aSendThatThrowsFailsTheFutureInsteadOfTheCaller() {
        Serializer<FuncCall> registryDown = (topic, call) -> {
            throw new SerializationException("schema registry unreachable");
        };
        KafkaCallPublisher failing =
                new KafkaCallPublisher(new MockProducer<>(true, null, new StringSerializer(), registryDown));

        assertThat(failing.publish("fabric.calls.any", call("c1"))).isCompletedExceptionally();
    }
}
