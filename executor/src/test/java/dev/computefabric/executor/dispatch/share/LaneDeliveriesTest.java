package dev.computefabric.executor.dispatch.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Priority;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.testing.Gate;
import dev.computefabric.executor.testing.NodeFixture;
import dev.computefabric.executor.testing.TestRecords;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.TestCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a lane costs a queued record in deliveries while it runs a long call, against {@link SimulatedShareGroup}
 * (the 4.3.1 client's background fetches, a delivery limit of 5). Locks run out when the test says so, and only
 * after the lane had two chances to renew (the test moves the lane's clock on by a renewal interval, twice): what
 * the lane keeps renewed never runs out, whatever the machine's speed.
 */
class LaneDeliveriesTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    /**
     * Locks run out only when a test says so ({@link SimulatedShareGroup#lockPeriodPasses}); this sets the renewal
     * interval, which a lane running a call also waits in real time before it looks at the test's clock again.
     */
    private static final long LOCK_MS = 150;

    private static final Duration RENEW_INTERVAL = ShareDispatchOptions.renewInterval(Duration.ofMillis(LOCK_MS));
    private static final Duration RENEWAL_CHECK = Duration.ofMillis(5);
    /** Enough lock periods for a record fetched again after each one to reach the broker's delivery limit. */
    private static final int LOCK_PERIODS = 2 * SimulatedShareGroup.DELIVERY_LIMIT + 2;

    private static final String NORMAL_TOPIC = TestRecords.TOPIC;
    private static final String HIGH_TOPIC = TestRecords.TOPIC + Topics.PRIORITY_SEPARATOR + "high";

    private final SimulatedShareGroup group = new SimulatedShareGroup(LOCK_MS);
    private final Map<Priority, SimulatedShareGroup.Member> members = new EnumMap<>(Priority.class);
    private final NodeFixture fixture = new NodeFixture(1);
    private Set<String> topics;
    private ShareDispatcher dispatcher;
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        fixture.gate.open();
        dispatcher.requestStop();
        // A lane stops once its poll returns: not after a test's long poll timeout.
        group.fetchesComeBackEmpty();
        loop.join(BOUND.toMillis());
        fixture.close();
    }

    @Test
    void aCallQueuedBehindALongCallIsNotFetchedUntilTheLaneIsFree() {
        topics = Set.of(NORMAL_TOPIC);
        start();
        group.produce(call(NORMAL_TOPIC, 0, "long", Gate.NAME));
        await().atMost(BOUND).until(() -> fixture.gate.entered().contains("long"));
        group.produce(call(NORMAL_TOPIC, 1, "queued", "echo"));

        lockPeriodsPass(NORMAL_TOPIC, 0);

        // A renewal sent with a poll would have started a fetch each time: the queued record acquired out of sight,
        // its lock run out, acquired again, until the broker archived it (a call lost without a trace).
        assertThat(group.deliveries(NORMAL_TOPIC, 1))
                .as("deliveries of the queued record while the lane ran the long call")
                .isZero();
        fixture.gate.open();
        await().atMost(BOUND).until(() -> ran("queued"));
        assertThat(group.deliveries(NORMAL_TOPIC, 1)).isEqualTo(1);
        assertThat(group.state(NORMAL_TOPIC, 1)).isEqualTo(SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(group.deliveries(NORMAL_TOPIC, 0))
                .as("the long call's record")
                .isEqualTo(1);
    }

    @Test
    void aNormalCallAcquiredWhileAHighCallRunsIsHeldRenewedAndRunNextOnItsFirstDelivery() {
        topics = Set.of(NORMAL_TOPIC, HIGH_TOPIC);
        start();
        // The idle lane has polled both levels: each consumer has a fetch going.
        await().atMost(BOUND).until(() -> members.get(Priority.NORMAL).polls() > 0);
        group.produce(call(HIGH_TOPIC, 0, "busy", Gate.NAME));
        await().atMost(BOUND).until(() -> fixture.gate.entered().contains("busy"));
        group.produce(call(NORMAL_TOPIC, 0, "normal", "echo"));
        assertThat(group.deliveries(NORMAL_TOPIC, 0))
                .as("acquired in the background by the NORMAL consumer's fetch")
                .isEqualTo(1);

        lockPeriodsPass(HIGH_TOPIC, 0);

        assertThat(group.state(NORMAL_TOPIC, 0))
                .as("the NORMAL record, held by the lane while the HIGH call ran")
                .isEqualTo(SimulatedShareGroup.State.ACQUIRED);
        fixture.gate.open();
        await().atMost(BOUND).until(() -> ran("normal"));
        assertThat(group.deliveries(NORMAL_TOPIC, 0))
                .as("deliveries of the NORMAL record: its lock never ran out")
                .isEqualTo(1);
        assertThat(group.state(NORMAL_TOPIC, 0)).isEqualTo(SimulatedShareGroup.State.ACKNOWLEDGED);
    }

    @Test
    void aFinishedCallsAcceptGoesWithTheNextPollNotACommitOfItsOwn() {
        topics = Set.of(NORMAL_TOPIC);
        start();
        SimulatedShareGroup.Member member = members.get(Priority.NORMAL);
        group.produce(call(NORMAL_TOPIC, 0, "first", "echo"));
        group.produce(call(NORMAL_TOPIC, 1, "second", "echo"));

        await().atMost(BOUND).until(() -> ran("first") && ran("second"));
        // The second call's ACCEPT goes with the poll after it, which the lane is in or about to send.
        await().atMost(BOUND).until(() -> group.state(NORMAL_TOPIC, 1) == SimulatedShareGroup.State.ACKNOWLEDGED);

        assertThat(group.state(NORMAL_TOPIC, 0)).isEqualTo(SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(member.commits())
                .as("acknowledgement requests of their own: each costs the broker a request per call")
                .isZero();
    }

    /**
     * The 4.3.1 client can return a record with a fetch still going behind it. An acknowledgement left for the next
     * poll then waits behind that fetch, the fetch acquires the next call, and the client sends nothing more while
     * that call runs: unattended, the first call's lock ran out and it was delivered again. On the real broker
     * (ShareDispatchIT, a 6 s call after a short one, 2 s lock) both ACCEPTs then went out together after the long
     * call, in one batch the broker refused, and the long call ran twice. The lane sees the ACCEPT unconfirmed and
     * sends it with the renewal's fetch.
     */
    @Test
    void anAcceptHeldBackBehindAFetchLeavesWhileTheNextCallRuns() {
        runsALongCallWithTheShortCallsAcceptHeldBack();
        assertThat(group.state(NORMAL_TOPIC, 0))
                .as("the short call's record, its ACCEPT held back behind the fetch that acquired the long call")
                .isEqualTo(SimulatedShareGroup.State.ACQUIRED);

        lockPeriodsPass(NORMAL_TOPIC, 1);

        assertThat(group.state(NORMAL_TOPIC, 0))
                .as("the short call's record, while the long call ran")
                .isEqualTo(SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(group.deliveries(NORMAL_TOPIC, 0)).isEqualTo(1);
        fixture.gate.open();
        await().atMost(BOUND).until(() -> group.state(NORMAL_TOPIC, 1) == SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(group.deliveries(NORMAL_TOPIC, 1))
                .as("the long call's record")
                .isEqualTo(1);
    }

    /**
     * The held-back ACCEPT goes once it has waited longer than a fetch could have held it, before the next renewal:
     * a node killed while the long call ran would otherwise leave the short call, finished, to run again elsewhere
     * (ShareDispatchIT on 7 December, 3 s calls, Kafka's 30 s lock renewed every 10 s).
     */
    @Test
    void anAcceptHeldBackBehindAFetchLeavesBeforeTheNextRenewal() {
        runsALongCallWithTheShortCallsAcceptHeldBack();
        int renewals = group.renewals(NORMAL_TOPIC, 1);

        fixture.clock.advance(PendingAccepts.stuckAfter(RENEW_INTERVAL));

        await().atMost(BOUND).until(() -> group.state(NORMAL_TOPIC, 0) == SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(PendingAccepts.stuckAfter(RENEW_INTERVAL)).isLessThan(RENEW_INTERVAL);
        assertThat(group.renewals(NORMAL_TOPIC, 1))
                .as("the long call's renewals: one, the fetch that carried the ACCEPT")
                .isEqualTo(renewals + 1);
        fixture.gate.open();
        await().atMost(BOUND).until(() -> group.state(NORMAL_TOPIC, 1) == SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(group.deliveries(NORMAL_TOPIC, 0)).isEqualTo(1);
        assertThat(group.deliveries(NORMAL_TOPIC, 1)).isEqualTo(1);
    }

    @Test
    void aRenewalSentWithAFetchAfterAFailoverCostsAQueuedCallOneDeliveryNotAllOfThem() {
        runsALongCallWithTheShortCallsAcceptHeldBack();
        group.produce(call(NORMAL_TOPIC, 2, "queued", "echo"));
        // A failover: the long call's lock is lost, and another member has its record now.
        group.anotherMemberTakes(NORMAL_TOPIC, 1);

        // The held-back ACCEPT goes with the renewal's fetch: the renewal is refused, and the fetch acquires the
        // queued call, which the lane hands back.
        fixture.clock.advance(RENEW_INTERVAL);
        await().atMost(BOUND).until(() -> group.state(NORMAL_TOPIC, 0) == SimulatedShareGroup.State.ACKNOWLEDGED);
        await().atMost(BOUND)
                .until(() -> group.deliveries(NORMAL_TOPIC, 2) > 0
                        && group.state(NORMAL_TOPIC, 2) != SimulatedShareGroup.State.ACQUIRED);
        fixture.gate.open();

        await().atMost(BOUND)
                .until(() -> ran("queued") || group.state(NORMAL_TOPIC, 2) == SimulatedShareGroup.State.ARCHIVED);
        assertThat(group.state(NORMAL_TOPIC, 2))
                .as("the queued call's record (archived: the broker dropped it after its last delivery)")
                .isEqualTo(SimulatedShareGroup.State.ACKNOWLEDGED);
        assertThat(ran("queued")).isTrue();
        assertThat(group.deliveries(NORMAL_TOPIC, 2))
                .as("the queued call's deliveries: the one the renewal's fetch cost, and the one it ran on")
                .isEqualTo(2);
    }

    /**
     * A lane on one topic runs a short call (offset 0), then a long one (offset 1, held at the gate) that a fetch left
     * going behind the short call acquired: the short call's ACCEPT, carried by the poll that returned the long call,
     * waits in the client behind that fetch.
     */
    private void runsALongCallWithTheShortCallsAcceptHeldBack() {
        topics = Set.of(NORMAL_TOPIC);
        start(withLongPolls());
        SimulatedShareGroup.Member member = members.get(Priority.NORMAL);
        member.leaveAFetchGoingOnce();
        await().atMost(BOUND).until(member::waiting);
        group.produce(call(NORMAL_TOPIC, 0, "short", "echo"));
        await().atMost(BOUND).until(() -> ran("short"));
        await().atMost(BOUND).until(member::waiting);
        group.produce(call(NORMAL_TOPIC, 1, "long", Gate.NAME));
        await().atMost(BOUND).until(() -> fixture.gate.entered().contains("long"));
    }

    /** Polls that wait long enough for the test to produce while the lane waits in one. */
    private static ShareDispatchOptions withLongPolls() {
        ShareDispatchOptions defaults = ShareDispatchOptions.defaults();
        return new ShareDispatchOptions(
                Duration.ofSeconds(5),
                defaults.topicRefresh(),
                defaults.maxDeliveries(),
                defaults.defaultLock(),
                defaults.ackTimeout(),
                defaults.retryBackoff(),
                defaults.drainTimeout(),
                defaults.fairEvery());
    }

    /** Lets lock periods pass while the call of {@code topic}@{@code offset} runs, two renewal chances each. */
    private void lockPeriodsPass(String topic, long offset) {
        for (int period = 0; period < LOCK_PERIODS; period++) {
            renewalDue(topic, offset);
            renewalDue(topic, offset);
            group.lockPeriodPasses();
        }
    }

    /** Moves the lane's clock to its next renewal and waits until it renewed the running call's lock. */
    private void renewalDue(String topic, long offset) {
        int before = group.renewals(topic, offset);
        fixture.clock.advance(RENEW_INTERVAL);
        // Checked often: a test lets 24 renewals fall due, each seen at Awaitility's default 100 ms otherwise.
        await().atMost(BOUND).pollInterval(RENEWAL_CHECK).until(() -> group.renewals(topic, offset) > before);
    }

    private boolean ran(String callId) {
        return fixture.results().stream().map(FuncResult::getCallId).anyMatch(callId::equals);
    }

    private void start() {
        start(ShareDispatchOptions.defaults());
    }

    private void start(ShareDispatchOptions options) {
        ShareDispatcher.Cluster cluster = new ShareDispatcher.Cluster() {
            public Set<String> listTopics() {
                return topics;
            }

            public void prepareGroup() {}

            public ShareConsumer<byte[], byte[]> consumer(int lane, String topic) {
                SimulatedShareGroup.Member member = group.member();
                members.put(Topics.priorityOf(topic), member);
                return member;
            }
        };
        dispatcher =
                new ShareDispatcher(cluster, fixture.parts(new CallDecoder(TestRecords.SCHEMAS), () -> false), options);
        loop = new Thread(() -> dispatcher.run(() -> {}), "test-share-dispatcher");
        loop.start();
        await().atMost(BOUND)
                .until(() -> members.size() == topics.size()
                        && members.values().stream()
                                .allMatch(m -> !m.subscription().isEmpty()));
    }

    private static ConsumerRecord<byte[], byte[]> call(String topic, long offset, String id, String function) {
        return TestRecords.produced(
                topic,
                offset,
                id.getBytes(StandardCharsets.UTF_8),
                PlainAvro.bytes(TestCalls.call(function).id(id).build(), TestRecords.FUNC_CALL_ID));
    }
}
