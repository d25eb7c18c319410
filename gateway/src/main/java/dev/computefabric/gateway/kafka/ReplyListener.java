package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.FuncResult;
import java.util.function.Consumer;

/**
 * Reads this gateway's reply topic and hands every result to a sink. No consumer group: every partition is
 * assigned, starting at the end, because replies are addressed to the running gateway only. The start
 * position is fixed before {@link #start()} returns, so no reply to a call accepted afterwards is skipped.
 */
public final class ReplyListener implements AutoCloseable {

    private final TopicFollower<FuncResult> follower;

    public ReplyListener(
            org.apache.kafka.clients.consumer.Consumer<String, FuncResult> consumer,
            String topic,
            Consumer<FuncResult> sink) {
        this.follower = new TopicFollower<>(consumer, topic, "reply", "gateway-replies", (record, result) -> {
            if (result != null) {
                sink.accept(result);
            }
        });
    }

    /** Assigns every partition at its end, then starts reading. Call once the topic is ready. */
    public void start() {
        follower.start(TopicFollower.StartAt.END);
    }

    /** Reading the reply topic (for the readiness probe). */
    public boolean following() {
        return follower.caughtUp();
    }

    @Override
    public void close() {
        follower.close();
    }
}
