package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.executor.testing.TestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.AcknowledgementCommitCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRecordStateException;
import org.junit.jupiter.api.Test;

/** A finished call's ACCEPT left for the next poll: when it costs a commit, and when it counts as stuck. */
class PendingAcceptsTest {

    private static final String TOPIC = "fabric.calls.any";
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Instant POLLED = Instant.parse("2026-12-07T03:00:00Z");

    private final FollowedConsumer consumer = new FollowedConsumer();
    private final PendingAccepts accepts = new PendingAccepts(consumer, new Acks(consumer, Duration.ofSeconds(2)));

    @Test
    void anAcceptCarriedByAPollAndConfirmedCostsNoCommit() {
        accepts.acceptWithNextPoll(record(7));
        accepts.polling(POLLED);
        consumer.confirm(7, null);

        boolean stuck = accepts.upkeep(POLLED.plus(INTERVAL), INTERVAL);

        assertThat(stuck).isFalse();
        assertThat(consumer.acks).containsExactly("7:accept");
        assertThat(consumer.commits).isZero();
    }

    @Test
    void anAcceptNoPollCarriedIsCommittedAtTheNextUpkeep() {
        accepts.acceptWithNextPoll(record(7));

        boolean stuck = accepts.upkeep(POLLED, INTERVAL);

        assertThat(stuck).isFalse();
        assertThat(consumer.commits).isEqualTo(1);
        // Sent, so the next upkeep has nothing to send.
        accepts.upkeep(POLLED.plus(INTERVAL), INTERVAL);
        assertThat(consumer.commits).isEqualTo(1);
    }

    @Test
    void anAcceptUnconfirmedASecondAfterItsPollIsStuckAndCountsAsSentThen() {
        accepts.acceptWithNextPoll(record(7));
        accepts.polling(POLLED);

        assertThat(accepts.nextLook(INTERVAL)).contains(POLLED.plus(PendingAccepts.PATIENCE));
        assertThat(accepts.upkeep(POLLED.plus(Duration.ofMillis(500)), INTERVAL))
                .isFalse();
        assertThat(accepts.upkeep(POLLED.plus(Duration.ofSeconds(1)), INTERVAL)).isTrue();
        // The lane sent a fetch for it: stuck again only a second after that.
        assertThat(accepts.nextLook(INTERVAL)).contains(POLLED.plus(Duration.ofSeconds(2)));
        assertThat(accepts.upkeep(POLLED.plus(Duration.ofMillis(1500)), INTERVAL))
                .isFalse();
        assertThat(accepts.upkeep(POLLED.plus(Duration.ofSeconds(2)), INTERVAL)).isTrue();
        // Confirmed with a fetch the lane sent for it: no longer followed.
        consumer.confirm(7, null);
        assertThat(accepts.upkeep(POLLED.plus(Duration.ofSeconds(3)), INTERVAL)).isFalse();
        assertThat(accepts.nextLook(INTERVAL)).isEmpty();
    }

    @Test
    void withALockShorterThanSixSecondsHalfARenewalIntervalIsTheWait() {
        Duration interval = Duration.ofMillis(100);
        accepts.acceptWithNextPoll(record(7));
        accepts.polling(POLLED);

        assertThat(accepts.upkeep(POLLED.plus(Duration.ofMillis(40)), interval)).isFalse();
        assertThat(accepts.upkeep(POLLED.plus(Duration.ofMillis(50)), interval)).isTrue();
    }

    @Test
    void anAcceptTheBrokerRefusedIsNoLongerFollowed() {
        accepts.acceptWithNextPoll(record(7));
        accepts.polling(POLLED);
        consumer.confirm(7, new InvalidRecordStateException("not in the acquired state"));

        assertThat(accepts.upkeep(POLLED.plus(INTERVAL), INTERVAL)).isFalse();
    }

    @Test
    void anAcceptUnconfirmedForThreeIntervalsIsGivenUp() {
        accepts.acceptWithNextPoll(record(7));
        accepts.polling(POLLED);

        assertThat(accepts.upkeep(POLLED.plus(INTERVAL.multipliedBy(2)), INTERVAL))
                .isTrue();
        // Its lock has run out: another fetch would not save it, so the lane stops paying for one.
        assertThat(accepts.upkeep(POLLED.plus(INTERVAL.multipliedBy(3)), INTERVAL))
                .isFalse();
        assertThat(accepts.upkeep(POLLED.plus(INTERVAL.multipliedBy(4)), INTERVAL))
                .isFalse();
    }

    @Test
    void anAcceptOfARecordNoLongerHeldIsNotFollowed() {
        consumer.expired = true;
        accepts.acceptWithNextPoll(record(7));

        assertThat(accepts.upkeep(POLLED, INTERVAL)).isFalse();
        assertThat(consumer.commits).isZero();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return TestRecords.delivered(TOPIC, offset, new byte[0], new byte[0], 1);
    }

    /** Records what it is given; the test plays the broker's confirmations through the commit callback. */
    private static final class FollowedConsumer extends MockShareConsumer<byte[], byte[]> {

        final List<String> acks = new ArrayList<>();
        AcknowledgementCommitCallback callback;
        boolean expired;
        int commits;

        @Override
        public synchronized void setAcknowledgementCommitCallback(AcknowledgementCommitCallback callback) {
            this.callback = callback;
        }

        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            if (expired) {
                throw new IllegalStateException("the record is not held");
            }
            acks.add(record.offset() + ":" + type);
        }

        @Override
        public synchronized Map<TopicIdPartition, Optional<KafkaException>> commitSync(Duration timeout) {
            commits++;
            return Map.of();
        }

        void confirm(long offset, Exception refusal) {
            callback.onComplete(Map.of(new TopicIdPartition(Uuid.ZERO_UUID, 0, TOPIC), Set.of(offset)), refusal);
        }
    }
}
