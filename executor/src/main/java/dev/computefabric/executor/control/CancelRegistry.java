package dev.computefabric.executor.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Calls cancelled on {@code fabric.control}, remembered for a while (bounded, TTL) so a call that arrives
 * after its CANCEL is not run, and the running calls a CANCEL must interrupt.
 *
 * @see ControlListener
 */
public final class CancelRegistry {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    /** callId → (reason, when): insertion-ordered, so the oldest go first. */
    private final LinkedHashMap<String, Cancelled> cancelled = new LinkedHashMap<>();

    private final Map<String, Consumer<String>> running = new ConcurrentHashMap<>();

    record Cancelled(String reason, Instant at) {}

    public CancelRegistry(Clock clock, Duration ttl, int capacity) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || capacity < 1) {
            throw new IllegalArgumentException(
                    "ttl must be positive and capacity >= 1, got " + ttl + " and " + capacity);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    public static CancelRegistry defaults(Clock clock) {
        return new CancelRegistry(clock, DEFAULT_TTL, DEFAULT_CAPACITY);
    }

    /** Records a CANCEL and interrupts the call if it runs here. */
    public void cancel(String callId, String reason) {
        String why = reason == null || reason.isBlank() ? "cancelled" : reason;
        synchronized (cancelled) {
            cancelled.remove(callId);
            cancelled.put(callId, new Cancelled(why, clock.instant()));
            evict();
        }
        Consumer<String> interrupt = running.get(callId);
        if (interrupt != null) {
            interrupt.accept(why);
        }
    }

    /** The reason {@code callId} was cancelled, if it was (within the TTL). */
    public Optional<String> cancelled(String callId) {
        synchronized (cancelled) {
            evict();
            Cancelled entry = cancelled.get(callId);
            return entry == null ? Optional.empty() : Optional.of(entry.reason());
        }
    }

    /**
     * Registers a running call: a CANCEL calls {@code interrupt} with its reason. Returns false (and registers
     * nothing) when the call is already cancelled, so the caller must not run it.
     */
    public boolean running(String callId, Consumer<String> interrupt) {
        running.put(callId, interrupt);
        if (cancelled(callId).isPresent()) {
            running.remove(callId);
            return false;
        }
        return true;
    }

    public void finished(String callId) {
        running.remove(callId);
    }

    private void evict() {
        Instant oldest = clock.instant().minus(ttl);
        Iterator<Map.Entry<String, Cancelled>> entries = cancelled.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Cancelled> entry = entries.next();
            if (cancelled.size() > capacity || entry.getValue().at().isBefore(oldest)) {
                entries.remove();
            } else {
                break;
            }
        }
    }
}
