package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Requests waiting for a call's result, by call id: the correlation map of a request/reply over Kafka, as in
 * spring-kafka's {@code ReplyingKafkaTemplate}. Several requests may wait for the same call (the submitting
 * {@code POST} and any number of {@code GET ?wait=}); each has its own deadline. A wait that reaches its
 * deadline is removed and completes empty; a result that arrives when nobody waits is the caller's to log.
 *
 * <p>Deadlines are kept in order and expired by {@link #expireDue()}, driven in production by a timer that wakes at
 * the earliest deadline ({@link WaitExpiry}, told of each by {@link #onDeadline}) and called directly by tests with a
 * settable {@link Clock}: no thread per waiting request, no sleeping in tests.
 */
public final class PendingReplies {

    private record Waiter(
            String callId, Instant deadline, long sequence, CompletableFuture<Optional<FuncResult>> reply) {}

    private static final Comparator<Waiter> BY_DEADLINE =
            Comparator.comparing(Waiter::deadline).thenComparingLong(Waiter::sequence);

    private final Clock clock;
    private final Map<String, List<Waiter>> byCall = new ConcurrentHashMap<>();
    private final NavigableSet<Waiter> byDeadline = new ConcurrentSkipListSet<>(BY_DEADLINE);
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;
    private volatile Consumer<Instant> deadlines = deadline -> {};

    public PendingReplies(Clock clock) {
        this.clock = clock;
    }

    /**
     * A future that completes with the call's result, or empty once {@code wait} has passed without one, or at once
     * when this gateway stops ({@link #close()}).
     */
    public CompletableFuture<Optional<FuncResult>> await(String callId, Duration wait) {
        if (closed) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Waiter waiter =
                new Waiter(callId, clock.instant().plus(wait), sequence.incrementAndGet(), new CompletableFuture<>());
        byCall.compute(callId, (id, waiters) -> {
            List<Waiter> list = waiters == null ? new ArrayList<>(1) : waiters;
            list.add(waiter);
            return list;
        });
        byDeadline.add(waiter);
        deadlines.accept(waiter.deadline());
        if (closed) {
            // close() ran while this waiter was being added, and may have missed it.
            end(Set.of(waiter));
        }
        return waiter.reply();
    }

    /** Completes every wait for {@code result}'s call; false when nobody was waiting for it. */
    public boolean complete(FuncResult result) {
        List<Waiter> waiters = byCall.remove(result.getCallId());
        if (waiters == null) {
            return false;
        }
        for (Waiter waiter : waiters) {
            byDeadline.remove(waiter);
            waiter.reply().complete(Optional.of(result));
        }
        return true;
    }

    /** Tells {@code timer} the deadline of every wait as it starts, so that it can wake by then. */
    public void onDeadline(Consumer<Instant> timer) {
        this.deadlines = timer;
    }

    /** The earliest deadline of the waits, if any wait. */
    public Optional<Instant> nextDeadline() {
        Iterator<Waiter> earliest = byDeadline.iterator();
        return earliest.hasNext() ? Optional.of(earliest.next().deadline()) : Optional.empty();
    }

    /** Ends, without a result, every wait whose deadline has passed; returns how many ended. */
    public int expireDue() {
        return end(byDeadline.headSet(new Waiter(null, clock.instant(), Long.MAX_VALUE, null), true));
    }

    /**
     * Ends every wait without a result, and every later one at once: the gateway stops, and a graceful shutdown
     * waits for every open request. The callers get the call as it is now, and ask again elsewhere.
     */
    public void close() {
        closed = true;
        end(byDeadline);
    }

    private int end(Collection<Waiter> waiters) {
        int expired = 0;
        for (Waiter waiter : waiters) {
            // remove() decides the race with complete(): only the thread that removes the waiter completes it.
            if (byDeadline.remove(waiter)) {
                detach(waiter);
                waiter.reply().complete(Optional.empty());
                expired++;
            }
        }
        return expired;
    }

    /** Number of requests waiting. */
    public int size() {
        return byDeadline.size();
    }

    /** Whether no request waits. */
    public boolean isEmpty() {
        return byCall.isEmpty();
    }

    /** Whether any request waits for {@code callId}. */
    public boolean isAwaited(String callId) {
        return byCall.containsKey(callId);
    }

    private void detach(Waiter waiter) {
        byCall.computeIfPresent(waiter.callId(), (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }
}
