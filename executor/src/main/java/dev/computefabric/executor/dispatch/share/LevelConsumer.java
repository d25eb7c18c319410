package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's share consumer for one priority level: its subscription, its acknowledgements, and when it was last
 * polled. Once polled, a 4.3 share consumer keeps fetching in the background until it acquires a record, and
 * keeps that record in its buffer until the next poll: while the lane runs a call from another level, this one
 * may hold a record whose lock runs out. {@link Polled#mayBeStale} says when that could have happened.
 */
final class LevelConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LevelConsumer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Priority level;
    private final ShareConsumer<byte[], byte[]> consumer;
    private final Acks acks;
    private final CallSettler settler;
    private final Clock clock;
    private Set<String> subscribed = Set.of();
    private Instant lastPoll;

    LevelConsumer(Priority level, ShareConsumer<byte[], byte[]> consumer, LaneContext ctx) {
        this.level = level;
        this.consumer = consumer;
        this.clock = ctx.node().clock();
        this.acks = new Acks(consumer, clock, ctx.options().ackTimeout());
        this.settler = new CallSettler(ctx, acks);
    }

    /** What one poll returned, and whether a record in it may have waited in the buffer past a lock renewal. */
    record Polled(List<ConsumerRecord<byte[], byte[]>> records, boolean mayBeStale) {}

    Priority level() {
        return level;
    }

    Acks acks() {
        return acks;
    }

    CallSettler settler() {
        return settler;
    }

    /** Follows {@code topics}, re-subscribing when they changed; false while there are none. */
    boolean follow(Set<String> topics) {
        if (topics.equals(subscribed)) {
            return !subscribed.isEmpty();
        }
        if (topics.isEmpty()) {
            consumer.unsubscribe();
            lastPoll = null;
        } else {
            consumer.subscribe(topics);
        }
        subscribed = topics;
        return !topics.isEmpty();
    }

    boolean following() {
        return !subscribed.isEmpty();
    }

    /**
     * Polls once. A record is called possibly stale when the poll before this one was longer ago than
     * {@code renewAfter}: it may have been acquired right after that poll and its lock may be running out.
     */
    Polled poll(Duration timeout, Duration renewAfter) {
        Instant now = clock.instant();
        boolean longIdle = lastPoll != null && Duration.between(lastPoll, now).compareTo(renewAfter) > 0;
        lastPoll = now;
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        consumer.poll(timeout).forEach(records::add);
        return new Polled(records, longIdle && !records.isEmpty());
    }

    @Override
    public void close() {
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("closing the {} share consumer failed: {}", level, e.toString());
        }
    }
}
