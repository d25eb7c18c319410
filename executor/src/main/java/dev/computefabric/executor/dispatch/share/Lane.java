package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.Decoded;
import dev.computefabric.executor.run.Settlement;
import dev.computefabric.executor.run.Slots;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share consumer, holding at most one call at a time. An executor runs one lane per slot: the 4.3 client
 * cannot fetch more records while one it returned is unacknowledged, so a long call would block a shared
 * consumer. A lane reserves a free slot before it polls, so the node never acquires more calls than it has
 * free slots; a call needing more slots waits for them with its lock renewed.
 */
final class Lane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);
    private static final long IDLE_WAIT_MS = 50;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final LaneContext ctx;
    private final Acks acks;
    private final CallSettler settler;
    private final Slots slots;
    private Set<String> subscribed = Set.of();
    private boolean polled;
    /** A slot kept from the call just finished, for the poll that carries that call's acknowledgement. */
    private boolean slotCarried;

    Lane(ShareConsumer<byte[], byte[]> consumer, LaneContext ctx) {
        this.consumer = consumer;
        this.ctx = ctx;
        this.acks = new Acks(consumer, ctx.node().clock(), ctx.options().ackTimeout());
        this.settler = new CallSettler(ctx, acks);
        this.slots = ctx.node().slots();
    }

    @Override
    public void run() {
        try {
            while (!ctx.stopRequested()) {
                if (!subscribe() || !(slotCarried || reserveSlot())) {
                    continue;
                }
                slotCarried = false;
                boolean handedOver = false;
                try {
                    for (ConsumerRecord<byte[], byte[]> record :
                            consumer.poll(ctx.options().pollTimeout())) {
                        if (handedOver) {
                            // record_limit with max.poll.records=1 makes this unreachable; never hold what cannot
                            // start.
                            acks.settle(record, AcknowledgeType.RELEASE);
                        } else {
                            handedOver = true;
                            take(record);
                        }
                    }
                } finally {
                    if (!handedOver) {
                        slots.releaseReserved();
                    }
                    firstPoll();
                }
            }
        } catch (InterruptException | WakeupException e) {
            log.info("lane interrupted; stopping");
        } catch (RuntimeException e) {
            log.error("lane failed; its calls go back to the group", e);
        } finally {
            firstPoll();
            if (slotCarried) {
                slots.releaseReserved();
            }
            try {
                consumer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("closing a share consumer failed: {}", e.toString());
            }
        }
    }

    /** Subscribes to the served topics when they changed; false (after a short wait) while there are none. */
    private boolean subscribe() {
        Set<String> topics = ctx.topics().current();
        if (topics.isEmpty()) {
            firstPoll();
            idle();
            return false;
        }
        if (!topics.equals(subscribed)) {
            consumer.subscribe(topics);
            subscribed = topics;
        }
        return true;
    }

    /** Takes one slot for the record the next poll may bring; false (after a short wait) when none may be taken. */
    private boolean reserveSlot() {
        if (!ctx.takingCalls()) {
            idle();
            return false;
        }
        if (slots.tryReserve()) {
            return true;
        }
        try {
            slots.awaitFree(1, IDLE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.stopping().set(true);
        }
        return false;
    }

    /** Deals with one acquired record; the lane holds one reserved slot, which this uses or gives back. */
    private void take(ConsumerRecord<byte[], byte[]> record) {
        slots.claimReserved();
        Decoded decoded = decode(record);
        if (decoded == null || ctx.stopRequested()) {
            slots.release(1);
            acks.settle(record, AcknowledgeType.RELEASE);
            return;
        }
        if (decoded instanceof Decoded.Poison poison) {
            slots.release(1);
            settler.deadLetter(record, poison.reason());
            return;
        }
        FuncCall call = ((Decoded.Call) decoded).call();
        int deliveries = Admission.deliveries(record);
        Optional<Admission.Refusal> refusal = ctx.admission().refusal(call, deliveries);
        if (refusal.isPresent()) {
            slots.release(1);
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
        int wanted = call.getSlots();
        if (wanted > 1 && !acquireMore(record, wanted)) {
            acks.settle(record, AcknowledgeType.RELEASE);
            return;
        }
        CompletableFuture<Settlement> settled = new CompletableFuture<>();
        ctx.node().workers().start(call, settled::complete);
        AcknowledgeType outcome = settler.outcome(record, hold(record, settled));
        if (keepSlotForNextPoll()) {
            slotCarried = acks.acknowledgeWithNextPoll(record, outcome);
            if (!slotCarried) {
                slots.releaseReserved();
            }
        } else {
            acks.settle(record, outcome);
        }
    }

    /**
     * The acknowledgement goes out with the next poll when this lane may poll right away: with a slot for
     * whatever that poll acquires. Otherwise (node full, overloaded or stopping) it is committed on its own.
     */
    private boolean keepSlotForNextPoll() {
        return !ctx.stopRequested() && ctx.takingCalls() && slots.tryReserve();
    }

    /** Swaps the one reserved slot for {@code wanted}, renewing the record's lock meanwhile; false when stopping. */
    private boolean acquireMore(ConsumerRecord<byte[], byte[]> record, int wanted) {
        slots.release(1);
        ctx.waitingForSlots().incrementAndGet();
        try {
            LockClock lock = new LockClock(ctx.node().clock(), renewInterval());
            while (!ctx.stopRequested()) {
                if (slots.tryAcquire(wanted)) {
                    return true;
                }
                slots.awaitFree(wanted, Math.min(IDLE_WAIT_MS, lock.millisUntilRenewal()));
                if (lock.renewalDue()) {
                    acks.renew(record);
                    lock.renewed();
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            ctx.waitingForSlots().decrementAndGet();
        }
    }

    /** Waits for the call to settle, renewing its record's lock at a third of the lock duration. */
    private Settlement hold(ConsumerRecord<byte[], byte[]> record, CompletableFuture<Settlement> settled) {
        LockClock lock = new LockClock(ctx.node().clock(), renewInterval());
        while (true) {
            try {
                return settled.get(Math.max(1, lock.millisUntilRenewal()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (lock.renewalDue()) {
                    acks.renew(record);
                    lock.renewed();
                }
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
        LockClock lock = new LockClock(ctx.node().clock(), renewInterval());
        Decoded decoded = ctx.node().decoder().decode(record);
        while (decoded instanceof Decoded.Unavailable unavailable && !ctx.stopRequested()) {
            log.warn(
                    "cannot decode {} now, trying again in {}: {}",
                    Acks.coordinates(record),
                    ctx.options().retryBackoff(),
                    unavailable.reason());
            try {
                TimeUnit.MILLISECONDS.sleep(
                        Math.min(ctx.options().retryBackoff().toMillis(), Math.max(1, lock.millisUntilRenewal())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (lock.renewalDue()) {
                acks.renew(record);
                lock.renewed();
            }
            decoded = ctx.node().decoder().decode(record);
        }
        return decoded instanceof Decoded.Unavailable ? null : decoded;
    }

    private Duration renewInterval() {
        return ShareDispatchOptions.renewInterval(
                acks.lockDuration().orElse(ctx.options().defaultLock()));
    }

    private void idle() {
        try {
            TimeUnit.MILLISECONDS.sleep(IDLE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.stopping().set(true);
        }
    }

    private void firstPoll() {
        if (!polled) {
            polled = true;
            ctx.polledOnce().countDown();
        }
    }
}
