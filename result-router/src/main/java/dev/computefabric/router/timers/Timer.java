package dev.computefabric.router.timers;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One entry of a router timer index: what to do with a call (or a cache entry) at a wall-clock instant.
 * Encoded as a string key that sorts by due time (zero-padded millis first), so "everything due by now" is
 * one range scan of the index instead of a scan of every call.
 *
 * @param dueMs  wall-clock millis at which the timer fires
 * @param kind   what to do then
 * @param callId the call it concerns
 */
public record Timer(long dueMs, Kind kind, String callId) {

    /** What a due timer does. */
    public enum Kind {
        /** The call's deadline: still not terminal → TIMED_OUT. */
        DEADLINE('D'),
        /** Retention of a terminal call's status ran out: delete it (and tombstone fabric.status). */
        EXPIRE_STATUS('S'),
        /** A held early result whose call never came: delete it. */
        EXPIRE_ORPHAN('O'),
        /** A cached result's TTL ran out ({@code callId} holds the cache key): drop it. */
        EXPIRE_CACHE('C'),
        /** Retention of an ended pipeline ran out ({@code callId} holds the pipeline id): delete it. */
        EXPIRE_PIPELINE('P');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown timer kind '" + code + "'");
        }
    }

    private static final int DUE_DIGITS = 15;
    private static final char SEPARATOR = ':';

    public Timer {
        if (dueMs < 0) {
            throw new IllegalArgumentException("dueMs must be >= 0, got " + dueMs);
        }
        if (kind == null || callId == null || callId.isEmpty()) {
            throw new IllegalArgumentException("kind and callId are required");
        }
    }

    public String key() {
        return zeroPadded(dueMs, DUE_DIGITS + 3 + callId.length())
                .append(SEPARATOR)
                .append(kind.code)
                .append(SEPARATOR)
                .append(callId)
                .toString();
    }

    public static Timer parse(String key) {
        if (key.length() < DUE_DIGITS + 4
                || key.charAt(DUE_DIGITS) != SEPARATOR
                || key.charAt(DUE_DIGITS + 2) != SEPARATOR) {
            throw new IllegalArgumentException("not a timer key: '" + key + "'");
        }
        return new Timer(
                Long.parseLong(key.substring(0, DUE_DIGITS)),
                Kind.of(key.charAt(DUE_DIGITS + 1)),
                key.substring(DUE_DIGITS + 3));
    }

    /** The lowest possible key. */
    public static String first() {
        return "0".repeat(DUE_DIGITS);
    }

    /** A key above every timer due at or before {@code nowMs} and below every later one. */
    public static String lastDueBy(long nowMs) {
        return zeroPadded(nowMs, DUE_DIGITS + 1).append((char) (SEPARATOR + 1)).toString();
    }

    /**
     * {@code millis} in {@link #DUE_DIGITS} digits, zero-padded, in a builder sized for the whole key. Not
     * {@code String.format}: a key is made several times per call on the router's hot path, and the formatter cost
     * it 5 % of its CPU.
     */
    private static StringBuilder zeroPadded(long millis, int keyLength) {
        String digits = Long.toString(millis);
        StringBuilder key = new StringBuilder(keyLength);
        for (int i = digits.length(); i < DUE_DIGITS; i++) {
            key.append('0');
        }
        return key.append(digits);
    }

    /** Every entry of a timer index ({@code timers}, {@code cache-timers}) due by {@code nowMs}, oldest first. */
    public static List<Timer> dueBy(KeyValueStore<String, String> timers, long nowMs) {
        List<Timer> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = timers.range(first(), lastDueBy(nowMs))) {
            it.forEachRemaining(entry -> due.add(parse(entry.key)));
        }
        return due;
    }
}
