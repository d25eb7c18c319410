package dev.computefabric.executor.dispatch.classic;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed while calls finish out of order. A partition's commit point is its lowest
 * unfinished offset (or one past the last received when all are done): a crash then re-delivers every
 * call that had not finished, and nothing that had.
 *
 * <p>Each assignment of a partition is an epoch; a {@link Ticket} from an earlier epoch (the partition was
 * revoked while its call ran) is ignored, so a late completion cannot move another owner's offsets.
 * Used by the dispatching thread only.
 */
final class OffsetTracker {

    /** Proof that a record was received in a given assignment of its partition. */
    record Ticket(TopicPartition partition, long offset, long epoch) {}

    private final Map<TopicPartition, Progress> partitions = new HashMap<>();
    private long epochs;

    void assigned(Collection<TopicPartition> assigned) {
        for (TopicPartition partition : assigned) {
            partitions.put(partition, new Progress(++epochs));
        }
    }

    void revoked(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    Ticket received(TopicPartition partition, long offset) {
        // The consumer calls onPartitionsAssigned before it returns records; this only guards the contract.
        Progress progress = partitions.computeIfAbsent(partition, p -> new Progress(++epochs));
        if (progress.next < 0) {
            // The first record comes from the group's committed position: committing it again would be a no-op.
            progress.committed = offset;
        }
        progress.unfinished.add(offset);
        progress.next = Math.max(progress.next, offset + 1);
        return new Ticket(partition, offset, progress.epoch);
    }

    /** Marks the ticket's record done; false when the ticket belongs to an earlier assignment. */
    boolean completed(Ticket ticket) {
        Progress progress = partitions.get(ticket.partition());
        if (progress == null || progress.epoch != ticket.epoch()) {
            return false;
        }
        return progress.unfinished.remove(ticket.offset());
    }

    /** Commit points that moved since they were last handed out, for every tracked partition. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable(partitions.keySet());
    }

    /** Commit points that moved since they were last handed out, among {@code of}. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : of) {
            Progress progress = partitions.get(partition);
            if (progress != null && progress.commitPoint() > progress.committed) {
                offsets.put(partition, new OffsetAndMetadata(progress.commitPoint()));
            }
        }
        return offsets;
    }

    /** Records that {@code offsets} were handed to the consumer to commit. */
    void committing(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            Progress progress = partitions.get(partition);
            if (progress != null) {
                progress.committed = Math.max(progress.committed, offset.offset());
            }
        });
    }

    /** A commit failed: hand these partitions' commit points out again next time. */
    void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            Progress progress = partitions.get(partition);
            if (progress != null && progress.committed == offset.offset()) {
                progress.committed = -1;
            }
        });
    }

    /** Records received and not yet completed, over all partitions. */
    int unfinished() {
        return unfinished(partitions.keySet());
    }

    /** Records received and not yet completed, among {@code of}. */
    int unfinished(Collection<TopicPartition> of) {
        int unfinished = 0;
        for (TopicPartition partition : of) {
            Progress progress = partitions.get(partition);
            unfinished += progress == null ? 0 : progress.unfinished.size();
        }
        return unfinished;
    }

    private static final class Progress {
        final long epoch;
        final TreeSet<Long> unfinished = new TreeSet<>();
        long next = -1;
        long committed = -1;

        Progress(long epoch) {
            this.epoch = epoch;
        }

        long commitPoint() {
            return unfinished.isEmpty() ? next : unfinished.first();
        }
    }
}
