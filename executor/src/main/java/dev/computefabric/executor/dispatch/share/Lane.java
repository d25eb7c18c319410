package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.Decoded;
import dev.computefabric.executor.run.Settlement;
import dev.computefabric.executor.run.Slots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slot's worth of intake: a share consumer per capability topic the node serves, running at most one call at a
 * time. An executor runs a lane per slot and a few spare ones ({@link ShareDispatcher#lanes}): the 4.3 client cannot
 * fetch more records while one it returned is unacknowledged, so a long call would block a shared consumer. A lane
 * polls only while a slot is free and takes the slots its call needs before it runs it, waiting for them with its
 * lock renewed, so the node never runs more calls than it has slots. A record waits only on a spare lane, when the
 * other lanes' calls took the slots meanwhile: until the next call ends.
 *
 * <p>Priority: a Kafka partition is FIFO, so each level has its own topics; with a slot free the lane polls its
 * consumers level by level in {@link TakeOrder} (HIGH first, LOWer first now and then), the topics of one level
 * starting with another one at each take, and runs the first record it gets. A consumer per topic, not per level,
 * because the broker's assignor may give a member of several topics partitions of only one of them
 * ({@link TopicConsumer}).
 *
 * <p>Deliveries: every fetch that acquires a record is a delivery, and the broker drops a record silently after
 * its last one, so a lane never lets a record it acquired go unseen or unrenewed. A consumer polled without result
 * keeps fetching in the background (see {@link TopicConsumer}); at every renewal interval, whatever the lane is
 * doing (running a call, waiting for slots or for the registry, idle with the node full), the lane looks into such
 * consumers and renews every record in hand ({@link #upkeep}). A record acquired while the lane was busy is held,
 * renewed, and taken by this lane next (before polling anything), or handed back once when the lane stops. Locks
 * are renewed with a commit, never with a poll, because a poll would start another background fetch.
 */
final class Lane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);
    private static final long IDLE_WAIT_MS = 50;
    /**
     * With more than one topic to read, every topic's consumer is polled without waiting, in the take's order (a
     * consumer polled before has its fetch parked at the broker, so a record that arrived is in its buffer); when none
     * had one, the consumer this lane took its last call from is polled again and waits this long. Short, because a
     * record of another topic arriving meanwhile waits for it.
     */
    static final Duration TOPICS_WAIT = Duration.ofMillis(20);

    private final LaneContext ctx;
    private final LaneConsumers consumers;

    private final TakeOrder order;

    private final Slots slots;
    private boolean polled;
    /** The consumer of the last call this lane took: where the next one most likely comes from; null before. */
    private TopicConsumer lastTaken;
    /** When the records in hand are next renewed, and armed consumers next looked into. */
    private final LockClock upkeep;

    /** @param newConsumer a new member of the executors' share group, for one topic */
    Lane(Function<String, ShareConsumer<byte[], byte[]>> newConsumer, LaneContext ctx) {
        this.consumers = new LaneConsumers(newConsumer, ctx);
        this.ctx = ctx;
        this.order = new TakeOrder(ctx.options().fairEvery());
        this.slots = ctx.node().slots();
        this.upkeep = new LockClock(ctx.node().clock(), this::renewInterval);
    }

    @Override
    public void run() {
        try {
            while (!ctx.stopRequested()) {
                // Also between short calls: a record held, or acquired by a consumer this lane seldom polls, ages.
                upkeepIfDue();
                if (!follow() || !slotFree()) {
                    continue;
                }
                try {
                    takeNext();
                } finally {
                    firstPoll();
                }
            }
        } catch (InterruptException | WakeupException e) {
            log.info("lane interrupted; stopping");
        } catch (RuntimeException e) {
            log.error("lane failed; its calls go back to the group", e);
        } finally {
            firstPoll();
            releaseHeld();
            consumers.all().forEach(TopicConsumer::close);
        }
    }

    /** Follows the topics the node serves; false (after a short wait) while there are none at all. */
    private boolean follow() {
        boolean any = consumers.follow();
        if (!any) {
            firstPoll();
            idle();
        }
        return any;
    }

    /**
     * Takes the next call in this take's order: from each consumer a record held from before, else what a poll
     * brings, and runs it.
     */
    private void takeNext() {
        List<TopicConsumer> candidates = consumers.inOrder(order.next(), order.taken());
        TopicConsumer from = null;
        ConsumerRecord<byte[], byte[]> record = null;
        boolean mayBeStale = false;
        for (int i = 0; i < candidates.size() && record == null; i++) {
            TopicConsumer consumer = candidates.get(i);
            if (consumer.holds()) {
                // Acquired while this lane was busy and renewed since: no poll, no new delivery.
                record = consumer.take();
                from = consumer;
                break;
            }
            if (consumer.inHand() > 0) {
                continue;
            }
            TopicConsumer.Polled polled =
                    poll(consumer, candidates.size() == 1 ? ctx.options().pollTimeout() : Duration.ZERO);
            if (!polled.records().isEmpty()) {
                from = consumer;
                record = consumer.take();
                mayBeStale = polled.mayBeStale();
            }
        }
        TopicConsumer waiter = record == null && candidates.size() > 1 ? likeliest(candidates) : null;
        if (waiter != null) {
            // The fetch a poll without wait sent comes back in a few milliseconds: wait for the likeliest topic's.
            TopicConsumer.Polled polled = poll(waiter, TOPICS_WAIT);
            if (!polled.records().isEmpty()) {
                from = waiter;
                record = waiter.take();
                mayBeStale = polled.mayBeStale();
            }
        }
        if (record == null) {
            return;
        }
        order.took();
        lastTaken = from;
        if (mayBeStale) {
            from.renewInHand();
            if (!from.stillHolds(record)) {
                log.warn(
                        "{} waited in the {} consumer's buffer longer than a renewal interval, and its lock could not be"
                                + " renewed: another executor has it now",
                        Acks.coordinates(record),
                        from.topic());
                return;
            }
        }
        take(from, record);
    }

    /**
     * The consumer this lane took its last call from, else the last of the take's order: the one to wait for. Null
     * when each candidate has a record in hand already (taken on the next turn).
     */
    private TopicConsumer likeliest(List<TopicConsumer> candidates) {
        if (lastTaken != null && candidates.contains(lastTaken) && lastTaken.inHand() == 0) {
            return lastTaken;
        }
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (candidates.get(i).inHand() == 0) {
                return candidates.get(i);
            }
        }
        return null;
    }

    /**
     * Polls {@code consumer}. More than one record is unexpected (record_limit, max.poll.records=1): any other stays
     * in hand, renewed.
     */
    private TopicConsumer.Polled poll(TopicConsumer consumer, Duration timeout) {
        return consumer.poll(timeout, renewInterval());
    }

    /** Whether a slot is free for the record the next poll may bring; false (after a short wait) when none is. */
    private boolean slotFree() {
        if (!ctx.takingCalls()) {
            idle();
            return false;
        }
        try {
            if (slots.free() > 0) {
                return true;
            }
            slots.awaitFree(1, IDLE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.stopping().set(true);
        }
        upkeepIfDue();
        return false;
    }

    /** Deals with one acquired record: runs its call once the slots it needs are free. */
    private void take(TopicConsumer from, ConsumerRecord<byte[], byte[]> record) {
        CallSettler settler = from.settler();
        Decoded decoded = decode(record);
        if (decoded == null || ctx.stopRequested()) {
            from.settle(record, AcknowledgeType.RELEASE);
            return;
        }
        if (decoded instanceof Decoded.Poison poison) {
            settler.deadLetter(record, poison.reason());
            return;
        }
        FuncCall call = ((Decoded.Call) decoded).call();
        int deliveries = Admission.deliveries(record);
        Optional<Admission.Refusal> refusal = ctx.admission().refusal(call, deliveries);
        if (refusal.isPresent()) {
            settler.refuse(record, call, refusal.get());
            return;
        }
        if (deliveries > 1) {
            log.info(
                    "call {} ({}) delivered again: delivery {} of at most {}",
                    call.getCallId(),
                    call.getFunction(),
                    deliveries,
                    ctx.options().maxDeliveries() - 1);
        }
        if (!acquire(call.getSlots())) {
            from.settle(record, AcknowledgeType.RELEASE);
            return;
        }
        if (!from.stillHolds(record)) {
            slots.release(call.getSlots());
            log.warn(
                    "call {} waited for slots and its lock could not be renewed meanwhile: another executor has it now",
                    call.getCallId());
            return;
        }
        CompletableFuture<Settlement> settled = new CompletableFuture<>();
        ctx.node().workers().start(call, settled::complete);
        AcknowledgeType outcome = settler.outcome(record, hold(settled));
        if (outcome == AcknowledgeType.ACCEPT) {
            // With the next poll's fetch, not a request of its own; followed until confirmed (PendingAccepts).
            from.accept(record);
        } else {
            from.settle(record, outcome);
        }
    }

    /**
     * Takes {@code wanted} slots, waiting for them with what the lane holds renewed; false when stopping. A call
     * wanting more than one holds the other lanes back meanwhile (it would wait forever behind single-slot calls);
     * one wanting a single slot waits beside them: a spare lane's record waits for the next slot to free.
     */
    private boolean acquire(int wanted) {
        if (slots.tryAcquire(wanted)) {
            return true;
        }
        boolean holdsBack = wanted > 1;
        if (holdsBack) {
            ctx.waitingForSlots().incrementAndGet();
        }
        try {
            while (!ctx.stopRequested()) {
                if (slots.tryAcquire(wanted)) {
                    return true;
                }
                slots.awaitFree(wanted, Math.min(IDLE_WAIT_MS, millisUntilUpkeep()));
                upkeepIfDue();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (holdsBack) {
                ctx.waitingForSlots().decrementAndGet();
            }
        }
    }

    /** Waits for the call to settle, keeping what the lane holds (its record included) at every renewal interval. */
    private Settlement hold(CompletableFuture<Settlement> settled) {
        while (true) {
            try {
                return settled.get(Math.max(1, millisUntilUpkeep()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                upkeepIfDue();
            } catch (InterruptedException e) {
                // The lane thread is only interrupted on a hard stop; the worker settles the call on its own.
                Thread.currentThread().interrupt();
                return settled.join();
            } catch (ExecutionException e) {
                throw new IllegalStateException("settlement cannot fail", e);
            }
        }
    }

    /** Decodes, waiting (lock renewed) while the schema registry is unreachable; null when stopping meanwhile. */
    private Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        Decoded decoded = ctx.node().decoder().decode(record);
        while (decoded instanceof Decoded.Unavailable unavailable && !ctx.stopRequested()) {
            log.warn(
                    "cannot decode {} now, trying again in {}: {}",
                    Acks.coordinates(record),
                    ctx.options().retryBackoff(),
                    unavailable.reason());
            try {
                TimeUnit.MILLISECONDS.sleep(
                        Math.min(ctx.options().retryBackoff().toMillis(), Math.max(1, millisUntilUpkeep())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            upkeepIfDue();
            decoded = ctx.node().decoder().decode(record);
        }
        return decoded instanceof Decoded.Unavailable ? null : decoded;
    }

    /**
     * At every renewal interval: looks into each armed consumer (a record its background fetch acquired is held from
     * now on) and renews the lock of every record in hand, the running call's included.
     */
    private void upkeepIfDue() {
        if (!upkeep.renewalDue()) {
            Duration interval = renewInterval();
            for (TopicConsumer consumer : consumers.all()) {
                consumer.sendStuckAccepts(interval);
            }
            return;
        }
        // The next one is due an interval after this one began: a renewal may take a while (ackTimeout each).
        Instant began = ctx.node().clock().instant();
        Duration interval = renewInterval();
        for (TopicConsumer consumer : consumers.all()) {
            consumer.upkeep(interval);
        }
        upkeep.renewedAt(began);
    }

    /** Milliseconds until the next renewal, or the next look at an ACCEPT that may be stuck if that comes first. */
    private long millisUntilUpkeep() {
        long millis = upkeep.millisUntilRenewal();
        Instant now = ctx.node().clock().instant();
        Duration interval = renewInterval();
        for (TopicConsumer consumer : consumers.all()) {
            Optional<Instant> look = consumer.nextAcceptLook(interval);
            if (look.isPresent()) {
                millis = Math.min(
                        millis, Math.max(0, Duration.between(now, look.get()).toMillis()));
            }
        }
        return millis;
    }

    /** A third of the lock, as the broker last told any of this lane's consumers (one group: one lock duration). */
    private Duration renewInterval() {
        Duration lock = ctx.options().defaultLock();
        for (TopicConsumer consumer : consumers.all()) {
            Optional<Duration> told = consumer.lockDuration();
            if (told.isPresent() && told.get().compareTo(lock) < 0) {
                lock = told.get();
            }
        }
        return ShareDispatchOptions.renewInterval(lock);
    }

    private void idle() {
        try {
            TimeUnit.MILLISECONDS.sleep(IDLE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.stopping().set(true);
        }
        upkeepIfDue();
    }

    /** Hands back, once each, the records held for later takes, and sends a pending acknowledgement. */
    private void releaseHeld() {
        for (TopicConsumer consumer : consumers.all()) {
            try {
                consumer.releaseHeld();
            } catch (RuntimeException e) {
                log.warn("handing back the {} consumer's records failed: {}", consumer.topic(), e.toString());
            }
        }
    }

    private void firstPoll() {
        if (!polled) {
            polled = true;
            ctx.polledOnce().countDown();
        }
    }
}
