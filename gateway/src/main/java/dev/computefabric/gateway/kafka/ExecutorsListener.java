package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.ExecutorStatus;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Follows the compacted {@code fabric.executors} from its beginning (every node's latest presence, tombstones
 * as null), without a group, for {@code GET /v1/executors}.
 */
public final class ExecutorsListener implements AutoCloseable {

    private final TopicFollower<ExecutorStatus> follower;

    public ExecutorsListener(
            Consumer<String, ExecutorStatus> consumer, String topic, BiConsumer<String, ExecutorStatus> sink) {
        this.follower =
                new TopicFollower<>(consumer, topic, "executor presence", "gateway-executors", (record, status) -> {
                    if (record.key() != null) {
                        sink.accept(record.key(), status);
                    }
                });
    }

    public void start() {
        follower.start(TopicFollower.StartAt.BEGINNING);
    }

    @Override
    public void close() {
        follower.close();
    }
}
