package dev.computefabric.gateway.kafka;

import dev.computefabric.common.NamedThreads;
import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic on a dedicated thread, with no consumer group, and hands each record
 * to a sink. What the gateway's reply and status listeners share: the thread's life, the retry of a record
 * unreadable because the registry cannot be reached for its writer schema (that passes; skipping would lose the
 * record) before skipping it, the skip of poison at once, and a back-off after a failed poll.
 *
 * <p>A follower may read at two paces ({@link Pace}): promptly, each record as soon as the broker has it, while
 * someone needs records at once; otherwise through a second consumer that lets the broker gather a batch first
 * ({@code fetch.min.bytes}), so a quiet fabric costs one fetch per batch instead of one per record. It changes pace
 * between polls, handing its position over partition by partition: no record is skipped or read twice.
 *
 * @param <V> the record value
 */
final class TopicFollower<V> implements AutoCloseable {

    /** Where reading starts. */
    enum StartAt {
        BEGINNING,
        END
    }

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A follower has no group to leave and no offsets to commit: closing need not wait for the broker. A default
     * close waits for the fetch the wakeup cut short (fetch.max.wait.ms) before ending its fetch sessions, 0.4 s a
     * follower, 3 s for a gateway's followers closed one after another.
     */
    static final CloseOptions CLOSE_AT_ONCE = CloseOptions.timeout(Duration.ZERO);
    /**
     * How long a follower asks for its topic's partitions. A topic created a moment ago may not be known yet to the
     * broker the consumer asks: on three brokers a gateway's new reply topic served according to the admin client
     * while the broker the consumer asked answered that it did not exist, and the gateway failed to start (ChaosIT).
     */
    static final Duration TOPIC_KNOWN_WITHIN = Duration.ofSeconds(5);

    static final Duration TOPIC_KNOWN_BACKOFF = Duration.ofMillis(50);

    /** Attempts to read a record the registry could not help decode before skipping it. */
    static final int READ_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final Consumer<String, V> consumer;
    /** How to read lazily, and when not to; null: always promptly, with {@link #consumer}. */
    private final Pace<V> pace;
    /** The consumer the follower reads with now: {@link #consumer}, or the lazy one of its {@link #pace}. */
    private volatile Consumer<String, V> reading;

    private final String topic;
    private final String what;
    private final BiConsumer<ConsumerRecord<String, V>, V> sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile List<TopicPartition> assigned = List.of();
    /** Waits for this follower to have read up to given offsets; checked after every poll. */
    private final Queue<PositionWait> positionWaits = new ConcurrentLinkedQueue<>();
    /** Has handed over what the topic held when reading began (for the readiness probe). */
    private volatile boolean readAtStart;

    private TopicPartition failedPartition;
    private long failedOffset = -1;
    private int failedAttempts;

    /**
     * @param what names the records in logs ("reply", "status")
     * @param sink gets each record and its value; an exception it throws is logged, never stops the loop
     */
    TopicFollower(
            Consumer<String, V> consumer,
            String topic,
            String what,
            String threadName,
            BiConsumer<ConsumerRecord<String, V>, V> sink) {
        this(consumer, null, topic, what, threadName, sink);
    }

    /**
     * @param consumer reads promptly: the broker answers a fetch as soon as it has a record
     * @param pace     a consumer of the same topic that lets the broker gather records first, and when to use it;
     *                 null to always read promptly
     */
    TopicFollower(
            Consumer<String, V> consumer,
            Pace<V> pace,
            String topic,
            String what,
            String threadName,
            BiConsumer<ConsumerRecord<String, V>, V> sink) {
        this.consumer = consumer;
        this.pace = pace;
        this.reading = consumer;
        this.topic = topic;
        this.what = what;
        this.sink = sink;
        this.thread = NamedThreads.named(threadName).newThread(this::run);
    }

    private record PositionWait(Map<TopicPartition, Long> offsets, CompletableFuture<Void> reached) {}

    /**
     * Assigns every partition at {@code startAt}, fixes the position now, then starts reading. Returns a future that
     * completes once everything the topic held at start has been handed to the sink (at once from its end).
     */
    CompletableFuture<Void> start(StartAt startAt) {
        List<TopicPartition> assigned = partitionsOfTopic().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(assigned);
        if (pace != null) {
            pace.lazy().assign(assigned);
        }
        this.assigned = List.copyOf(assigned);
        CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);
        if (startAt == StartAt.BEGINNING) {
            caughtUp = reach(consumer.endOffsets(assigned));
        }
        if (startAt == StartAt.END) {
            consumer.seekToEnd(assigned);
            // seekToEnd is lazy; position() resolves it now, before anyone relies on what follows.
            assigned.forEach(consumer::position);
        } else {
            consumer.seekToBeginning(assigned);
        }
        caughtUp.thenRun(() -> {
            readAtStart = true;
            log.info("{} follower on {} caught up", what, topic);
        });
        if (pace != null) {
            pace.started();
        }
        started = true;
        thread.start();
        log.info(
                "following {} ({} partitions) from its {}",
                topic,
                assigned.size(),
                startAt.name().toLowerCase(java.util.Locale.ROOT));
        return caughtUp;
    }

    /** The topic's partitions, asked for again while the consumer's broker does not know the topic yet. */
    private List<PartitionInfo> partitionsOfTopic() {
        long giveUpAt = System.nanoTime() + TOPIC_KNOWN_WITHIN.toNanos();
        while (true) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions != null && !partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                throw new IllegalStateException(what + " topic " + topic + " has no partitions after "
                        + TOPIC_KNOWN_WITHIN.toSeconds() + " s; create it before the gateway starts");
            }
            try {
                Thread.sleep(TOPIC_KNOWN_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking for the partitions of " + topic, e);
            }
        }
    }

    /** The partitions this follower reads; empty before {@link #start}. */
    List<TopicPartition> partitions() {
        return assigned;
    }

    /**
     * Completes once this follower has handed every record before {@code offsets} (e.g. the end offsets of a
     * moment) to the sink. Fails if the follower stops first.
     */
    CompletableFuture<Void> reach(Map<TopicPartition, Long> offsets) {
        PositionWait wait = new PositionWait(Map.copyOf(offsets), new CompletableFuture<>());
        positionWaits.add(wait);
        if (!running) {
            failWaits();
        } else if (started) {
            // Cut the poll short: it would otherwise hold the wait for its whole timeout when nothing arrives.
            wakeUp();
        }
        return wait.reached();
    }

    /**
     * Completes once this follower has handed on every record its topic held when asked: the end offsets of every
     * partition, as {@code admin} lists them (committed records only), are the positions to reach.
     */
    CompletableFuture<Void> reachEnd(Admin admin) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .toCompletionStage()
                .toCompletableFuture()
                .thenCompose(ends -> {
                    Map<TopicPartition, Long> offsets = new HashMap<>();
                    ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
                    return reach(offsets);
                });
    }

    private void run() {
        try {
            while (running) {
                choosePace();
                pollOnce();
                completeReached();
            }
        } finally {
            failWaits();
            consumer.close(CLOSE_AT_ONCE);
            if (pace != null) {
                pace.lazy().close(CLOSE_AT_ONCE);
            }
        }
    }

    /**
     * Reads with the consumer the {@link Pace} chooses (promptly while a wait for a position is pending). A change of
     * consumer carries the position of every partition over.
     */
    private void choosePace() {
        if (pace == null) {
            return;
        }
        Consumer<String, V> wanted = pace.choose(consumer, !positionWaits.isEmpty());
        if (wanted == reading) {
            return;
        }
        try {
            for (TopicPartition partition : assigned) {
                wanted.seek(partition, reading.position(partition));
            }
            reading = wanted;
        } catch (WakeupException e) {
            // A wait or close woke the consumer while positions were read; the next round decides again.
        }
    }

    /** Wakes whichever consumer the follower is polling (it may just be changing pace: both). */
    private void wakeUp() {
        consumer.wakeup();
        if (pace != null) {
            pace.lazy().wakeup();
        }
    }

    /** Completes the waits whose offsets this follower has read past. Runs on the follower's thread. */
    private void completeReached() {
        if (positionWaits.isEmpty()) {
            return;
        }
        try {
            positionWaits.removeIf(wait -> {
                boolean reached =
                        wait.offsets().entrySet().stream().allMatch(e -> reading.position(e.getKey()) >= e.getValue());
                if (reached) {
                    wait.reached().complete(null);
                }
                return reached;
            });
        } catch (WakeupException e) {
            // A new wait woke the consumer while positions were read; the next round checks again.
        } catch (KafkaException e) {
            log.warn("cannot read the positions on {}: {}", topic, e.toString());
        }
    }

    private void failWaits() {
        for (PositionWait wait = positionWaits.poll(); wait != null; wait = positionWaits.poll()) {
            wait.reached()
                    .completeExceptionally(new IllegalStateException(
                            "the " + what + " follower on " + topic + " stopped before reaching " + wait.offsets()));
        }
    }

    private void pollOnce() {
        try {
            Consumer<String, V> from = reading;
            Duration timeout = pace != null && from == pace.lazy() ? Pace.LAZY_POLL_TIMEOUT : POLL_TIMEOUT;
            for (ConsumerRecord<String, V> record : from.poll(timeout)) {
                deliver(record);
            }
        } catch (WakeupException e) {
            // close() woke the poll to stop the loop (`running` is already false, so the loop ends), or a new wait
            // for a position to look at once.
            log.debug("{} follower on {} woken up", what, topic);
        } catch (RecordDeserializationException e) {
            unreadable(e);
        } catch (KafkaException e) {
            log.error("reading {} failed; retrying in {} ms", topic, ERROR_BACKOFF.toMillis(), e);
            backOff();
        }
    }

    /** Retries an unreadable record a few times (the poll resumes at it), then skips it. */
    private void unreadable(RecordDeserializationException e) {
        if (e.topicPartition().equals(failedPartition) && e.offset() == failedOffset) {
            failedAttempts++;
        } else {
            failedPartition = e.topicPartition();
            failedOffset = e.offset();
            failedAttempts = 1;
        }
        // Only a registry outage is worth waiting for: poison stays poison, and each retry held up every record
        // behind it (fuzzing: 4 s per bad record on a reply topic, for every call answered through this gateway).
        if (failedAttempts < READ_ATTEMPTS && SchemaRegistryUnavailableException.isCauseOf(e)) {
            log.warn(
                    "cannot read the {} at {} offset {} (attempt {} of {}), retrying in {} ms: {}",
                    what,
                    failedPartition,
                    failedOffset,
                    failedAttempts,
                    READ_ATTEMPTS,
                    ERROR_BACKOFF.toMillis(),
                    e.getMessage());
            backOff();
            return;
        }
        log.error(
                "skipping unreadable {} at {} offset {} after {} attempts: {}",
                what,
                failedPartition,
                failedOffset,
                failedAttempts,
                e.getMessage(),
                e);
        reading.seek(failedPartition, failedOffset + 1);
    }

    private void deliver(ConsumerRecord<String, V> record) {
        try {
            sink.accept(record, record.value());
        } catch (RuntimeException e) {
            // One bad record must not stop every other call's.
            log.error(
                    "handling the {} of call {} at {}-{} offset {} failed",
                    what,
                    record.key(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e);
        }
    }

    /** Running, and has read what the topic held when it started (for the readiness probe). */
    boolean caughtUp() {
        return started && running && thread.isAlive() && readAtStart;
    }

    private void backOff() {
        try {
            Thread.sleep(ERROR_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(CLOSE_AT_ONCE);
            if (pace != null) {
                pace.lazy().close(CLOSE_AT_ONCE);
            }
            return;
        }
        wakeUp();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} follower on {} did not stop within {} ms", what, topic, STOP_TIMEOUT.toMillis());
        }
    }
}
