package dev.computefabric.executor.dispatch;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.FuncResult;
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

    private DeadLetters() {}

    public static ProducerRecord<byte[], byte[]> of(
            ConsumerRecord<byte[], byte[]> poison, String reason, String executorId) {
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

    /** The dead letter for a call that ended FAILED: the call as it arrived, with the error as its reason. */
    public static ProducerRecord<byte[], byte[]> ofFailed(
            ConsumerRecord<byte[], byte[]> call, FuncResult failed, String executorId) {
        ErrorInfo error = failed.getError();
        String reason = "FAILED "
                + (error == null
                        ? "without error information"
                        : error.getType() + (error.getRetryable() ? " (retries exhausted)" : "") + ": "
                                + error.getMessage());
        return of(call, reason, executorId);
    }

    /** Whether a result must be dead-lettered with its call: every FAILED one (TIMED_OUT and CANCELLED are not failures of the call). */
    public static boolean needed(FuncResult result) {
        return result.getState() == CallState.FAILED;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
