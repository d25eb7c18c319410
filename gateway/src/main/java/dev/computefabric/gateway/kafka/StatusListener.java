package dev.computefabric.gateway.kafka;

import dev.computefabric.gateway.calls.ViewSync;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Follows a compacted status topic ({@code fabric.status}: calls; {@code fabric.pipelines.status}: pipelines) from its
 * beginning and hands every record (tombstones included, as null) to a sink. No consumer group: every gateway reads
 * every partition, so each holds its own view of every call and pipeline. Reading from the beginning means a gateway
 * started after a call was accepted (or restarted) still knows it; compaction and the router's retention tombstones
 * bound the replay. A status unreadable after a few attempts is skipped: the next status replaces it anyway.
 *
 * @param <V> the status record, {@code CallStatus} or {@code PipelineStatus}
 */
public final class StatusListener<V> implements AutoCloseable {

    private final TopicFollower<V> follower;

    /**
     * Of {@code fabric.status}, read at two paces: {@code prompt} while {@code promptWanted} (someone here needs
     * statuses at once), otherwise {@code lazy}, which lets the broker gather statuses into batches. Every gateway
     * follows every call's status: read promptly on a quiet fabric, that is a fetch for each status of each call.
     */
    public StatusListener(
            Consumer<String, V> prompt,
            Consumer<String, V> lazy,
            BooleanSupplier promptWanted,
            String topic,
            BiConsumer<String, V> sink) {
        this.follower = new TopicFollower<>(
                prompt, new Pace<>(lazy, promptWanted), topic, "status", "gateway-status", keyed(sink));
    }

    /**
     * @param what       names the records in logs ("status", "pipeline status")
     * @param threadName the follower thread's name
     */
    public StatusListener(
            Consumer<String, V> consumer, String topic, String what, String threadName, BiConsumer<String, V> sink) {
        this.follower = new TopicFollower<>(consumer, topic, what, threadName, keyed(sink));
    }

    private static <V> BiConsumer<ConsumerRecord<String, V>, V> keyed(BiConsumer<String, V> sink) {
        return (record, status) -> {
            if (record.key() != null) {
                sink.accept(record.key(), status);
            }
        };
    }

    public void start() {
        follower.start(TopicFollower.StartAt.BEGINNING);
    }

    /** Brings what this listener handed on up to date with the topic as it is now; {@code admin} lists its ends. */
    public ViewSync sync(Admin admin) {
        return () -> follower.reachEnd(admin);
    }

    /** Has read every status that existed when it started, so this gateway answers for everything on the topic. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    @Override
    public void close() {
        follower.close();
    }
}
