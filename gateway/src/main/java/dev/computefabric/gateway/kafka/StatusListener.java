package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.CallStatus;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Follows the compacted {@code fabric.status} topic from its beginning and hands every record (tombstones
 * included, as null) to a sink. No consumer group: every gateway reads every partition, so each holds its
 * own view of every call. Reading from the beginning means a gateway started after a call was accepted (or
 * restarted) still knows it; compaction and the router's retention tombstones bound the replay. A status
 * unreadable after a few attempts is skipped: the call's next status replaces it anyway.
 */
public final class StatusListener implements AutoCloseable {

    private final TopicFollower<CallStatus> follower;

    public StatusListener(Consumer<String, CallStatus> consumer, String topic, BiConsumer<String, CallStatus> sink) {
        this.follower = new TopicFollower<>(consumer, topic, "status", "gateway-status", (record, status) -> {
            if (record.key() != null) {
                sink.accept(record.key(), status);
            }
        });
    }

    public void start() {
        follower.start(TopicFollower.StartAt.BEGINNING);
    }

    /** Has read every status that existed when it started, so this gateway answers for every call. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    @Override
    public void close() {
        follower.close();
    }
}
