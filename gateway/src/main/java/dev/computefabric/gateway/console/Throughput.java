package dev.computefabric.gateway.console;

import dev.computefabric.avro.CallState;
import dev.computefabric.schemas.Lifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's throughput chart: calls ended per second by end state, and calls queued per capability set
 * sampled every second, over the last {@link #WINDOW}. Ended calls count at their {@code finishedAt}, so a
 * gateway that starts replays the last window from {@code fabric.status}; queued counts exist from its start on.
 * Memory is fixed: one ring of {@link #SECONDS} counters per end state and per capability set seen in the window.
 */
public final class Throughput {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    static final int SECONDS = (int) WINDOW.toSeconds();

    /** The chart's data: one value per second from {@code start}, oldest first. */
    public record Series(Instant start, int stepSeconds, Map<String, int[]> ended, Map<String, int[]> queued) {}

    private static final class Ring {
        final int[] values = new int[SECONDS];
        final long[] second = new long[SECONDS];

        void add(long epochSecond, int delta) {
            int slot = slot(epochSecond);
            if (second[slot] != epochSecond) {
                second[slot] = epochSecond;
                values[slot] = 0;
            }
            values[slot] += delta;
        }

        void set(long epochSecond, int value) {
            int slot = slot(epochSecond);
            second[slot] = epochSecond;
            values[slot] = value;
        }

        private static int slot(long epochSecond) {
            return (int) Math.floorMod(epochSecond, (long) SECONDS);
        }

        int[] window(long lastSecond) {
            int[] out = new int[SECONDS];
            for (int i = 0; i < SECONDS; i++) {
                long s = lastSecond - SECONDS + 1 + i;
                int slot = slot(s);
                out[i] = second[slot] == s ? values[slot] : 0;
            }
            return out;
        }

        boolean emptySince(long firstSecond) {
            for (int i = 0; i < SECONDS; i++) {
                if (second[i] >= firstSecond && values[i] != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Clock clock;
    private final Map<CallState, Ring> ended = new EnumMap<>(CallState.class);
    private final Map<String, Ring> queued = new TreeMap<>();

    public Throughput(Clock clock) {
        this.clock = clock;
        for (CallState state : CallState.values()) {
            if (Lifecycle.isTerminal(state)) {
                ended.put(state, new Ring());
            }
        }
    }

    /** Counts a call the first time this gateway sees it ended. */
    public void onChange(CallIndex.Change change) {
        CallRow after = change.after();
        if (after == null
                || !after.isTerminal()
                || (change.before() != null && change.before().isTerminal())) {
            return;
        }
        Instant at = after.endedAt() != null ? after.endedAt() : after.updatedAt();
        synchronized (this) {
            if (at.isAfter(clock.instant().minus(WINDOW))) {
                ended.get(after.state()).add(at.getEpochSecond(), 1);
            }
        }
    }

    /** Records the queued calls per capability set now; capability sets without any count zero. */
    public synchronized void sample(Map<String, Integer> queuedByCapset) {
        long now = clock.instant().getEpochSecond();
        queuedByCapset.forEach((capset, count) -> queued.computeIfAbsent(capset, c -> new Ring()));
        queued.forEach((capset, ring) -> ring.set(now, queuedByCapset.getOrDefault(capset, 0)));
        queued.values().removeIf(ring -> ring.emptySince(now - SECONDS + 1));
    }

    public synchronized Series series() {
        long last = clock.instant().getEpochSecond();
        Map<String, int[]> endedSeries = new LinkedHashMap<>();
        ended.forEach((state, ring) -> endedSeries.put(state.name(), ring.window(last)));
        Map<String, int[]> queuedSeries = new LinkedHashMap<>();
        queued.forEach((capset, ring) -> queuedSeries.put(capset, ring.window(last)));
        return new Series(Instant.ofEpochSecond(last - SECONDS + 1), 1, endedSeries, queuedSeries);
    }
}
