package dev.computefabric.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SendsTest {

    private final ProducerRecord<String, String> record = new ProducerRecord<>("fabric.calls.any", "c1", "call");

    @Test
    void completesWhenTheBrokerAcknowledges() {
        MockProducer<String, String> producer =
                new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());

        CompletableFuture<RecordMetadata> acked = Sends.send(producer, record);
        assertThat(acked).isNotDone();
        producer.completeNext();

        assertThat(acked).isCompleted();
        assertThat(acked.join().topic()).isEqualTo("fabric.calls.any");
    }

    @Test
    void failsWithTheSendsError() {
        MockProducer<String, String> producer =
                new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());

        CompletableFuture<RecordMetadata> acked = Sends.send(producer, record);
        producer.errorNext(new TimeoutException("no ack within delivery.timeout.ms"));

        assertThat(acked).isCompletedExceptionally();
    }

    @Test
    void failsWhenTheSendThrowsBeforeQueueing() {
        Serializer<String> broken = (topic, value) -> {
            throw new SerializationException("registry unreachable");
        };
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), broken);

        assertThat(Sends.send(producer, record)).isCompletedExceptionally();
    }

    @Test
    void failsWhenTheProducerIsClosed() {
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        producer.close();

        assertThat(Sends.send(producer, record)).isCompletedExceptionally();
    }
}
