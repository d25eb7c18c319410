package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.FuncResult;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A completion on its way to the topic the caller named. The topic travels with the value so one sink
 * with a {@link TopicNameExtractor} serves every gateway and Kafka-native caller; only the
 * {@link FuncResult} is written.
 */
public record Reply(String topic, FuncResult result) {

    public Reply {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(result, "result");
    }

    /** Picks the reply's own topic for the sink. */
    public static TopicNameExtractor<String, Reply> topicExtractor() {
        return (callId, reply, context) -> reply.topic();
    }

    /** Writes the {@link FuncResult} alone, with {@code results}, so the caller reads a plain result. */
    public static Serializer<Reply> serializer(Serializer<FuncResult> results) {
        return (topic, reply) -> reply == null ? null : results.serialize(topic, reply.result());
    }
}
