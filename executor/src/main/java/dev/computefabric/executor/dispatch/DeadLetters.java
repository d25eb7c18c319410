package dev.computefabric.executor.dispatch;

import dev.computefabric.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead letter for a record that can never be a call: its key, value and headers unchanged, plus
 * headers saying why and where it came from, so an operator can inspect, fix and re-produce it.
 */
public final class DeadLetters {

    public static final String REASON = "fabric.dlq.reason";
    public static final String ORIGIN_TOPIC = "fabric.dlq.origin.topic";
    public static final String ORIGIN_PARTITION = "fabric.dlq.origin.partition";
    public static final String ORIGIN_OFFSET = "fabric.dlq.origin.offset";
    public static final String EXECUTOR = "fabric.dlq.executor";

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> poison, String reason, String executorId) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DLQ, poison.key(), poison.value());
        for (Header header : poison.headers()) {
            letter.headers().add(header);
        }
        letter.headers()
                .add(REASON, utf8(reason))
                .add(ORIGIN_TOPIC, utf8(poison.topic()))
                .add(ORIGIN_PARTITION, utf8(Integer.toString(poison.partition())))
                .add(ORIGIN_OFFSET, utf8(Long.toString(poison.offset())))
                .add(EXECUTOR, utf8(executorId));
        return letter;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
