package dev.computefabric.executor.dispatch.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's share consumer for one capability topic: its subscription, its acknowledgements, and the records it
 * returned that the lane has not settled yet ("in hand": the one the lane runs, and any it holds for later).
 *
 * <p>One topic per consumer, because the broker's share-group assignor pools the partitions of all the topics a
 * member subscribes to when every member subscribes to the same ones: a consumer of {@code fabric.calls.any} and
 * {@code fabric.calls.python} could be given partitions of the first only, and its lane would take none of its
 * node's python calls. A member of one topic always gets a partition of it.
 *
 * <p>What the 4.3 client does behind a lane's back, and how this class keeps track of it: a poll that returns
 * nothing leaves a fetch going, and that fetch acquires the next record that arrives (a delivery) and keeps it in
 * the client's buffer until the next poll, its lock running meanwhile; a poll that returns a record starts no
 * fetch, as a rule. This consumer is {@link #armed()} from a poll that returned nothing until a poll returns
 * something. The lane looks into an armed consumer at every renewal interval ({@link #upkeep}), so a record
 * acquired in the background is in hand, and its lock renewed, before the lock can run out. The exception: a poll
 * may return its record with a fetch still going (docs/architecture.md, "Acknowledgements"); what that fetch
 * acquires waits in the buffer until the call in hand is settled.
 */
final class TopicConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final ShareConsumer<byte[], byte[]> consumer;
    private final Acks acks;
    private final PendingAccepts accepts;
    private final CallSettler settler;
    private final Clock clock;
    private final List<ConsumerRecord<byte[], byte[]>> inHand = new ArrayList<>();
    private ConsumerRecord<byte[], byte[]> running;
    private boolean subscribed;
    private Instant lastPoll;
    private boolean armed;

    TopicConsumer(String topic, ShareConsumer<byte[], byte[]> consumer, LaneContext ctx) {
        this.topic = topic;
        this.consumer = consumer;
        this.clock = ctx.node().clock();
        this.acks = new Acks(consumer, ctx.options().ackTimeout());
        this.accepts = new PendingAccepts(consumer, acks);
        this.settler = new CallSettler(ctx, this::settle);
    }

    /** What one poll returned, and whether a record in it may have waited in the buffer past a lock renewal. */
    record Polled(List<ConsumerRecord<byte[], byte[]>> records, boolean mayBeStale) {}

    String topic() {
        return topic;
    }

    CallSettler settler() {
        return settler;
    }

    /** How long the broker locks an acquired record, as it last said. */
    Optional<Duration> lockDuration() {
        return acks.lockDuration();
    }

    /** Subscribes to its topic while the node serves it, unsubscribes once it does not; returns {@code served}. */
    boolean follow(boolean served) {
        if (served == subscribed) {
            return served;
        }
        if (served) {
            consumer.subscribe(Set.of(topic));
        } else {
            // Unsubscribing sends nothing the consumer was given to send: an ACCEPT left for a poll goes now.
            accepts.commitUnsent();
            consumer.unsubscribe();
            lastPoll = null;
            armed = false;
        }
        subscribed = served;
        return served;
    }

    boolean following() {
        return subscribed;
    }

    /** A fetch may be acquiring a record for this consumer in the background. */
    boolean armed() {
        return armed;
    }

    /** Holds a record it returned that nobody runs yet. */
    boolean holds() {
        return inHand.stream().anyMatch(record -> record != running);
    }

    /** How many records it returned and nobody settled yet, the one running included. */
    int inHand() {
        return inHand.size();
    }

    /**
     * Polls once; only when nothing is in hand (the client refuses to poll with unacknowledged records). Every record
     * returned is in hand until settled. A record is called possibly stale when the poll before this one was longer
     * ago than {@code renewAfter}: it may have been acquired right after that poll and its lock may be running out.
     */
    Polled poll(Duration timeout, Duration renewAfter) {
        if (!inHand.isEmpty()) {
            throw new IllegalStateException("polling the " + topic + " consumer with records in hand");
        }
        Instant now = clock.instant();
        boolean longIdle = lastPoll != null && Duration.between(lastPoll, now).compareTo(renewAfter) > 0;
        lastPoll = now;
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        accepts.polling(now);
        consumer.poll(timeout).forEach(records::add);
        armed = records.isEmpty();
        inHand.addAll(records);
        return new Polled(records, longIdle && !records.isEmpty());
    }

    /** Marks the next held record as the one the lane runs, and returns it; null when none is held. */
    ConsumerRecord<byte[], byte[]> take() {
        for (ConsumerRecord<byte[], byte[]> record : inHand) {
            if (record != running) {
                running = record;
                return record;
            }
        }
        return null;
    }

    /** Whether {@code record} is still in hand: its lock was renewed whenever due, or it is too young to need it. */
    boolean stillHolds(ConsumerRecord<byte[], byte[]> record) {
        return inHand.contains(record);
    }

    /**
     * Keeps what this consumer holds: acknowledgements no poll carried are committed, an armed consumer is looked
     * into ({@code poll(0)}: it starts no new fetch, its fetch is going anyway), and whatever it acquired is now in
     * hand; then every record in hand has its lock renewed. A record whose lock could not be renewed is no longer in
     * hand (another executor may have it). An acknowledgement stuck in the client goes with a fetch: the renewal's,
     * or a poll's when nothing is in hand ({@link PendingAccepts}). Called at every renewal interval, whatever the lane is doing.
     */
    void upkeep(Duration renewAfter) {
        boolean stuck = accepts.upkeep(clock.instant(), renewAfter);
        if (armed || stuck) {
            lookInto(renewAfter);
        }
        renew(stuck);
    }

    /** When this consumer's ACCEPTs are next looked at between renewals ({@link PendingAccepts#nextLook}). */
    Optional<Instant> nextAcceptLook(Duration renewAfter) {
        return accepts.nextLook(renewAfter);
    }

    /**
     * Between renewals, once {@link #nextAcceptLook} is due: an ACCEPT stuck in the client goes now, as at a renewal
     * (with the renewal's fetch, or a poll's when nothing is in hand), so that it does not wait for the lane's next
     * poll or renewal while another call runs.
     */
    void sendStuckAccepts(Duration renewAfter) {
        Optional<Instant> due = accepts.nextLook(renewAfter);
        if (due.isEmpty() || clock.instant().isBefore(due.get())) {
            return;
        }
        if (accepts.upkeep(clock.instant(), renewAfter)) {
            lookInto(renewAfter);
            renew(true);
        }
    }

    /**
     * Takes in what a fetch going acquired (a poll without wait): held for the lane's next take. Not once the consumer
     * unsubscribed: the client refuses to poll then, and an ACCEPT it still held was lost with the subscription.
     */
    private void lookInto(Duration renewAfter) {
        if (!inHand.isEmpty() || !subscribed) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record :
                poll(Duration.ZERO, renewAfter).records()) {
            log.debug(
                    "{} consumer acquired {} while the lane was busy; holding it for the lane's next take",
                    topic,
                    Acks.coordinates(record));
        }
    }

    /** Renews the lock of every record in hand now; those not renewed are dropped. */
    void renewInHand() {
        renew(false);
    }

    private void renew(boolean withAFetch) {
        if (inHand.isEmpty()) {
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> renewed = acks.renew(List.copyOf(inHand), withAFetch);
        inHand.removeIf(record -> !renewed.contains(record));
        if (withAFetch) {
            armed = true;
        }
    }

    /**
     * ACCEPTs {@code record}, the call it carried done, for the next poll of this consumer to carry: no request of
     * its own ({@link PendingAccepts}).
     */
    void accept(ConsumerRecord<byte[], byte[]> record) {
        forget(record);
        accepts.acceptWithNextPoll(record);
    }

    /** Acknowledges {@code record} as {@code type} and waits until the broker confirmed it. */
    boolean settle(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
        forget(record);
        return acks.settle(record, type);
    }

    /** Hands every held record back (RELEASE, once each), and sends the acknowledgements left for a poll. */
    void releaseHeld() {
        accepts.commitUnsent();
        for (ConsumerRecord<byte[], byte[]> record : List.copyOf(inHand)) {
            if (record != running) {
                log.info("stopping: handing back {} held by the {} consumer", Acks.coordinates(record), topic);
                settle(record, AcknowledgeType.RELEASE);
            }
        }
    }

    private void forget(ConsumerRecord<byte[], byte[]> record) {
        inHand.remove(record);
        if (record == running) {
            running = null;
        }
    }

    @Override
    public void close() {
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("closing the {} share consumer failed: {}", topic, e.toString());
        }
    }
}
