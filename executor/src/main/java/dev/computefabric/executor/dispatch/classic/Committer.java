package dev.computefabric.executor.dispatch.classic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the {@link OffsetTracker}'s commit points: asynchronously at most once per interval while
 * running, synchronously when partitions are revoked and on shutdown.
 */
final class Committer {

    private static final Logger log = LoggerFactory.getLogger(Committer.class);
    /** Bounds a synchronous commit: the default (60 s) would hold a rebalance or a shutdown that long. */
    static final Duration SYNC_COMMIT_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<?, ?> consumer;
    private final OffsetTracker tracker;
    private final Clock clock;
    private final Duration interval;
    private Instant lastCommit = Instant.MIN;

    Committer(Consumer<?, ?> consumer, OffsetTracker tracker, Clock clock, Duration interval) {
        this.consumer = consumer;
        this.tracker = tracker;
        this.clock = clock;
        this.interval = interval;
    }

    void commitIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(lastCommit.plus(interval))) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        lastCommit = now;
        tracker.committing(offsets);
        // The callback runs on this thread, inside a later poll(), so it may touch the tracker.
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                // During a rebalance commits are refused for a moment; that is routine, not worth a warning.
                if (error instanceof RetriableException || error instanceof RebalanceInProgressException) {
                    log.debug("offset commit refused, will retry: {}", error.toString());
                } else {
                    log.warn("offset commit failed, will retry: {}", error.toString());
                }
                tracker.commitFailed(offsets);
            }
        });
    }

    /** Commits now, waiting for the answer; used where the partitions are about to be given up. */
    void commitNow(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, SYNC_COMMIT_TIMEOUT);
            tracker.committing(offsets);
            log.debug("committed {}", offsets);
        } catch (KafkaException e) {
            // Not fatal: the next owner re-runs the calls after the last committed offset (at-least-once).
            log.warn("could not commit {} before giving the partitions up: {}", offsets, e.toString());
        }
    }

    void commitAllNow() {
        commitNow(consumer.assignment());
    }
}
