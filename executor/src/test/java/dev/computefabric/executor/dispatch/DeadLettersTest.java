package dev.computefabric.executor.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void aDeadLetterKeepsKeyValueAndHeadersAndSaysWhyAndWhereFrom() {
        ConsumerRecord<byte[], byte[]> poison = TestRecords.raw(3, 42, "c-9", new byte[] {1, 2, 3});
        poison.headers().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(poison, "not in Confluent wire format", "node-1");

        assertThat(letter.topic()).isEqualTo(Topics.DLQ);
        assertThat(letter.key()).isEqualTo("c-9".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).containsExactly(1, 2, 3);
        assertThat(header(letter, "traceparent")).isEqualTo("00-abc");
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("not in Confluent wire format");
        assertThat(header(letter, DeadLetters.ORIGIN_TOPIC)).isEqualTo(TestRecords.TOPIC);
        assertThat(header(letter, DeadLetters.ORIGIN_PARTITION)).isEqualTo("3");
        assertThat(header(letter, DeadLetters.ORIGIN_OFFSET)).isEqualTo("42");
        assertThat(header(letter, DeadLetters.EXECUTOR)).isEqualTo("node-1");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
