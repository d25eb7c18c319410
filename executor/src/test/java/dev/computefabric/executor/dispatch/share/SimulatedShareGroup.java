package dev.computefabric.executor.dispatch.share;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.AcknowledgementCommitCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRecordStateException;

/**
 * A share group on one broker and its members' 4.3.1 clients, as far as a lane can tell them apart: per-record
 * acquisition with a delivery count, archived silently at the fifth delivery; and the client behaviour measured on
 * 4.3.1 that costs deliveries:
 *
 * <ul>
 *   <li>a poll that returns nothing leaves a fetch going ("armed"), which acquires the next available record in the
 *       background and keeps it in the client's buffer until the next poll; a poll that returns records does not;
 *   <li>a poll that carries a RENEW sends it with a fetch, and the client fetches on afterwards (armed), even while
 *       the renewed record is still held;
 *   <li>a RENEW sent with {@code commitSync} fetches nothing; the next poll hands the renewed record back;
 *   <li>acknowledgements a poll carries while a fetch is going wait for the fetch after it; if the going fetch
 *       acquires a record, the client sends no other until a later poll, and they wait with it;
 *   <li>a poll may return its record with a fetch still going behind it (its fetch request handled after the fetch
 *       it waited for came back): {@link Member#leaveAFetchGoingOnce()} makes the member's next such poll do that;
 *   <li>{@code commitSync} sends only the acknowledgements given since the last poll, never those waiting for a fetch;
 *   <li>the acknowledgement commit callback hears of each acknowledgement the broker applied or refused, during the
 *       member's next poll or commit; closing sends what waited.
 * </ul>
 *
 * <p>Time does not pass on its own: {@link #lockPeriodPasses()} ends the lock of every record that was neither
 * acquired nor renewed since the previous call, so a test decides when locks run out, not a clock.
 */
final class SimulatedShareGroup {

    static final int DELIVERY_LIMIT = 5;

    enum State {
        AVAILABLE,
        ACQUIRED,
        ACKNOWLEDGED,
        ARCHIVED
    }

    /** One record in a topic, as the broker keeps it. */
    final class Entry {
        final ConsumerRecord<byte[], byte[]> record;
        State state = State.AVAILABLE;
        int deliveries;
        Member owner;
        boolean lockedThisPeriod;
        int renewals;
        AcknowledgeType acknowledged;

        Entry(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }
    }

    /** One acquisition of an entry: the record as that delivery handed it out. */
    private record Delivery(Entry entry, int number, ConsumerRecord<byte[], byte[]> record) {}

    private final long lockMs;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();

    /** @param lockMs what the members report as the acquisition lock duration */
    SimulatedShareGroup(long lockMs) {
        this.lockMs = lockMs;
    }

    Member member() {
        synchronized (this) {
            Member member = new Member();
            members.add(member);
            return member;
        }
    }

    /** Appends {@code record} (its topic, partition and offset as given) to the log. */
    void produce(ConsumerRecord<byte[], byte[]> record) {
        synchronized (this) {
            entries.add(new Entry(record));
            pump();
        }
    }

    /** Every poll waiting returns empty now, as the client's does when its fetch comes back without a record. */
    synchronized void fetchesComeBackEmpty() {
        notifyAll();
    }

    /** A lock period passes: every record neither acquired nor renewed since the last one goes back (or is archived). */
    void lockPeriodPasses() {
        synchronized (this) {
            for (Entry entry : entries) {
                if (entry.state == State.ACQUIRED && !entry.lockedThisPeriod) {
                    backToGroup(entry);
                }
                entry.lockedThisPeriod = false;
            }
            pump();
        }
    }

    /**
     * A broker failover lost the lock on {@code topic}@{@code offset} and a member not simulated here acquired it
     * (its next delivery): what its holder sends for it from now on is refused.
     */
    void anotherMemberTakes(String topic, long offset) {
        synchronized (this) {
            Entry entry = entry(topic, offset);
            entry.deliveries++;
            entry.state = State.ACQUIRED;
            entry.owner = null;
            entry.lockedThisPeriod = true;
        }
    }

    Entry entry(String topic, long offset) {
        synchronized (this) {
            return entries.stream()
                    .filter(e -> e.record.topic().equals(topic) && e.record.offset() == offset)
                    .findFirst()
                    .orElseThrow();
        }
    }

    int deliveries(String topic, long offset) {
        synchronized (this) {
            return entry(topic, offset).deliveries;
        }
    }

    int renewals(String topic, long offset) {
        synchronized (this) {
            return entry(topic, offset).renewals;
        }
    }

    State state(String topic, long offset) {
        synchronized (this) {
            return entry(topic, offset).state;
        }
    }

    private void backToGroup(Entry entry) {
        entry.owner = null;
        entry.state = entry.deliveries >= DELIVERY_LIMIT ? State.ARCHIVED : State.AVAILABLE;
    }

    /** Armed members acquire what is available on their topics, one record per arming. */
    private void pump() {
        boolean acquired = true;
        while (acquired) {
            acquired = false;
            for (Member member : members) {
                if (!member.armed) {
                    continue;
                }
                for (Entry entry : entries) {
                    if (entry.state == State.AVAILABLE && member.topics.contains(entry.record.topic())) {
                        acquire(member, entry);
                        acquired = true;
                        break;
                    }
                }
            }
        }
        notifyAll();
    }

    private void acquire(Member member, Entry entry) {
        entry.deliveries++;
        entry.state = State.ACQUIRED;
        entry.owner = member;
        entry.lockedThisPeriod = true;
        member.armed = false;
        member.buffer.add(new Delivery(entry, entry.deliveries, withDeliveries(entry.record, entry.deliveries)));
    }

    /** What the broker does with an acknowledgement; false when the record is no longer this delivery's. */
    private boolean apply(Member member, Delivery delivery, AcknowledgeType type) {
        Entry entry = delivery.entry();
        if (entry.state != State.ACQUIRED || entry.owner != member || entry.deliveries != delivery.number()) {
            return false;
        }
        switch (type) {
            case ACCEPT, REJECT -> {
                entry.state = State.ACKNOWLEDGED;
                entry.acknowledged = type;
                entry.owner = null;
            }
            case RELEASE -> backToGroup(entry);
            case RENEW -> {
                entry.lockedThisPeriod = true;
                entry.renewals++;
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
        return true;
    }

    private static ConsumerRecord<byte[], byte[]> withDeliveries(ConsumerRecord<byte[], byte[]> r, int deliveries) {
        return new ConsumerRecord<>(
                r.topic(),
                r.partition(),
                r.offset(),
                r.timestamp(),
                r.timestampType(),
                r.serializedKeySize(),
                r.serializedValueSize(),
                r.key(),
                r.value(),
                r.headers(),
                r.leaderEpoch(),
                Optional.of((short) deliveries));
    }

    /** A member's client, in explicit acknowledgement mode with {@code max.poll.records=1}. */
    final class Member extends MockShareConsumer<byte[], byte[]> {

        private Set<String> topics = Set.of();
        private boolean armed;
        private final List<Delivery> buffer = new ArrayList<>();
        /** Returned by the last poll, with the acknowledgement given so far (null: none yet). */
        private final Map<Delivery, AcknowledgeType> inFlight = new LinkedHashMap<>();
        /** Renewed by a commit; the next poll hands them back. */
        private final List<Delivery> renewed = new ArrayList<>();
        /** Acknowledgements a poll carried while a fetch was going: they go with this member's next fetch. */
        private final Map<Delivery, AcknowledgeType> parked = new LinkedHashMap<>();

        private AcknowledgementCommitCallback callback;
        /** Applied or refused, for the callback to hear of: offsets per partition, and whether refused. */
        private final List<Map.Entry<ConsumerRecord<byte[], byte[]>, Boolean>> completed = new ArrayList<>();

        private int polls;
        private int commits;
        private boolean waiting;
        private boolean leaveAFetchGoing;

        /** The next poll that waits for its record leaves a fetch going behind it. */
        void leaveAFetchGoingOnce() {
            synchronized (SimulatedShareGroup.this) {
                leaveAFetchGoing = true;
            }
        }

        /** Inside a poll, waiting for a record. */
        boolean waiting() {
            synchronized (SimulatedShareGroup.this) {
                return waiting;
            }
        }

        int polls() {
            synchronized (SimulatedShareGroup.this) {
                return polls;
            }
        }

        /** Commits that sent acknowledgements: each one a request of its own at the broker. */
        int commits() {
            synchronized (SimulatedShareGroup.this) {
                return commits;
            }
        }

        @Override
        public Set<String> subscription() {
            synchronized (SimulatedShareGroup.this) {
                return topics;
            }
        }

        @Override
        public void subscribe(Collection<String> topics) {
            synchronized (SimulatedShareGroup.this) {
                this.topics = Set.copyOf(topics);
            }
        }

        @Override
        public void unsubscribe() {
            synchronized (SimulatedShareGroup.this) {
                this.topics = Set.of();
                armed = false;
            }
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            synchronized (SimulatedShareGroup.this) {
                ConsumerRecords<byte[], byte[]> records = pollOnce(timeout);
                complete();
                return records;
            }
        }

        private ConsumerRecords<byte[], byte[]> pollOnce(Duration timeout) {
            synchronized (SimulatedShareGroup.this) {
                polls++;
                if (inFlight.containsValue(null)) {
                    throw new IllegalStateException(
                            "All records must be acknowledged before the next poll in explicit acknowledgement mode");
                }
                boolean carriesRenewal = inFlight.containsValue(AcknowledgeType.RENEW);
                if (armed && buffer.isEmpty() && renewed.isEmpty() && !carriesRenewal) {
                    parked.putAll(inFlight);
                } else {
                    send(inFlight);
                }
                inFlight.clear();
                if (carriesRenewal) {
                    // The RENEW goes with a fetch, and the client keeps fetching after it.
                    fetch();
                }
                if (!renewed.isEmpty()) {
                    return hand(renewed);
                }
                if (!buffer.isEmpty()) {
                    return hand(buffer);
                }
                fetch();
                if (timeout.isZero()) {
                    // A fetch takes a round trip: whatever it acquires comes with a later poll.
                    return ConsumerRecords.empty();
                }
                if (buffer.isEmpty()) {
                    waiting = true;
                    try {
                        SimulatedShareGroup.this.wait(timeout.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        waiting = false;
                    }
                }
                if (buffer.isEmpty()) {
                    // The going fetch came back empty; the client's next one carries what waited for it.
                    send(parked);
                    parked.clear();
                    return ConsumerRecords.empty();
                }
                ConsumerRecords<byte[], byte[]> records = hand(buffer);
                if (leaveAFetchGoing) {
                    leaveAFetchGoing = false;
                    fetch();
                }
                return records;
            }
        }

        /** Starts a fetch unless one is going; a new fetch carries the acknowledgements that waited for it. */
        private void fetch() {
            if (!armed) {
                armed = true;
                send(parked);
                parked.clear();
            }
            pump();
        }

        private void send(Map<Delivery, AcknowledgeType> acknowledgements) {
            acknowledgements.forEach((delivery, type) -> {
                boolean applied = apply(this, delivery, type);
                if (applied && type == AcknowledgeType.RENEW) {
                    renewed.add(delivery);
                }
                completed.add(Map.entry(delivery.record(), !applied));
            });
        }

        /** Tells the callback what the broker applied or refused since it last heard. */
        private void complete() {
            List<Map.Entry<ConsumerRecord<byte[], byte[]>, Boolean>> done = List.copyOf(completed);
            completed.clear();
            if (callback == null) {
                return;
            }
            for (Map.Entry<ConsumerRecord<byte[], byte[]>, Boolean> entry : done) {
                ConsumerRecord<byte[], byte[]> record = entry.getKey();
                callback.onComplete(
                        Map.of(
                                new TopicIdPartition(Uuid.ZERO_UUID, record.partition(), record.topic()),
                                Set.of(record.offset())),
                        entry.getValue() ? new InvalidRecordStateException("the record is not acquired") : null);
            }
        }

        private ConsumerRecords<byte[], byte[]> hand(List<Delivery> from) {
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
            for (Delivery delivery : from) {
                inFlight.put(delivery, null);
                ConsumerRecord<byte[], byte[]> record = delivery.record();
                records.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                        .add(record);
            }
            from.clear();
            return new ConsumerRecords<>(records, Map.of());
        }

        @Override
        public void acknowledge(ConsumerRecord<byte[], byte[]> record) {
            acknowledge(record, AcknowledgeType.ACCEPT);
        }

        @Override
        public void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            synchronized (SimulatedShareGroup.this) {
                for (Delivery delivery : inFlight.keySet()) {
                    if (delivery.record().topic().equals(record.topic())
                            && delivery.record().partition() == record.partition()
                            && delivery.record().offset() == record.offset()) {
                        inFlight.put(delivery, type);
                        return;
                    }
                }
                throw new IllegalStateException("The record cannot be acknowledged.");
            }
        }

        @Override
        public Map<TopicIdPartition, Optional<KafkaException>> commitSync() {
            return commitSync(Duration.ofSeconds(30));
        }

        @Override
        public Map<TopicIdPartition, Optional<KafkaException>> commitSync(Duration timeout) {
            synchronized (SimulatedShareGroup.this) {
                Map<TopicIdPartition, Optional<KafkaException>> outcome = new HashMap<>();
                List<Delivery> sent = new ArrayList<>();
                inFlight.forEach((delivery, type) -> {
                    if (type == null) {
                        return;
                    }
                    sent.add(delivery);
                    boolean applied = apply(this, delivery, type);
                    if (applied && type == AcknowledgeType.RENEW) {
                        renewed.add(delivery);
                    }
                    completed.add(Map.entry(delivery.record(), !applied));
                    ConsumerRecord<byte[], byte[]> record = delivery.record();
                    outcome.put(
                            new TopicIdPartition(Uuid.ZERO_UUID, record.partition(), record.topic()),
                            applied
                                    ? Optional.empty()
                                    : Optional.of(new InvalidRecordStateException("the record is not acquired")));
                });
                sent.forEach(inFlight::remove);
                if (!sent.isEmpty()) {
                    commits++;
                }
                pump();
                complete();
                return outcome;
            }
        }

        @Override
        public Optional<Integer> acquisitionLockTimeoutMs() {
            return Optional.of((int) lockMs);
        }

        @Override
        public void setAcknowledgementCommitCallback(AcknowledgementCommitCallback callback) {
            synchronized (SimulatedShareGroup.this) {
                this.callback = callback;
            }
        }

        @Override
        public void close() {
            close(Duration.ZERO);
        }

        @Override
        public void close(Duration timeout) {
            synchronized (SimulatedShareGroup.this) {
                // What was acknowledged goes out first; leaving the group hands back whatever this member still holds.
                inFlight.values().removeIf(type -> type == null);
                send(inFlight);
                inFlight.clear();
                send(parked);
                parked.clear();
                completed.clear();
                for (Entry entry : entries) {
                    if (entry.owner == this) {
                        backToGroup(entry);
                    }
                }
                armed = false;
                topics = Set.of();
                pump();
            }
        }
    }
}
