package dev.computefabric.router.cache;

import dev.computefabric.avro.CacheEntry;
import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The result cache's rules, one {@link CacheEntry} per cache key: answer from a fresh result, run the first
 * miss, let identical calls that arrive while it runs wait for it (single-flight). Pure functions, no Kafka.
 *
 * <p>Every cacheable call is <em>accepted</em> (handed to the lifecycle, which tracks it by call id like any
 * other call); only a leader is <em>run</em> (sent to its capability topic, where executors take it); hits and
 * waiters are <em>answered</em> with a copy of the leader's result under their own call id, marked
 * {@code cachedFrom}.
 *
 * <p>How the leader ended decides what its waiters get. FINISHED and FAILED are the answer to the question
 * they all asked, so every waiter gets it; only FINISHED is kept for later callers. CANCELLED and TIMED_OUT
 * are the leader's own fate (its caller's cancel, its caller's deadline), so the oldest waiter runs instead.
 */
public final class ResultCache {

    /** TTL of a cacheable call that names none (a Kafka-native caller that set only {@code cacheKey}). */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    /**
     * How long a completion whose result is not kept still remembers whom it answered, to answer them again
     * if it is read again: records are read again only after the router stopped between two commits.
     */
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

    private ResultCache() {}

    /**
     * What to do for one request or completion.
     *
     * @param entry    the entry to store, or null to delete it
     * @param accept   calls to hand to the lifecycle
     * @param run      calls to send to their capability topic
     * @param answer   results to publish on {@code fabric.results}, one per answered call
     * @param expireAt when to look at the entry again to drop its result, or null
     */
    public record Outcome(
            CacheEntry entry, List<FuncCall> accept, List<FuncCall> run, List<FuncResult> answer, Instant expireAt) {

        static Outcome unchanged(CacheEntry entry) {
            return new Outcome(entry, List.of(), List.of(), List.of(), null);
        }
    }

    /** A cacheable call arrived at {@code now}. */
    public static Outcome onRequest(CacheEntry entry, FuncCall call, Instant now) {
        if (entry != null && knows(entry, call.getCallId())) {
            // Read again: the router stopped after storing this request but perhaps before its outputs reached
            // Kafka (at-least-once), so they go out again. The lifecycle ignores a call it knows; a leader
            // that runs twice is the at-least-once cost, a leader that never runs would be a lost call.
            boolean leads =
                    entry.getLeader() != null && entry.getLeader().getCallId().equals(call.getCallId());
            return new Outcome(entry, List.of(call), leads ? List.of(call) : List.of(), List.of(), null);
        }
        if (entry != null && wasAnswered(entry, call.getCallId())) {
            // Ended already; should its answer have been lost, the completion is read again after it.
            return new Outcome(entry, List.of(call), List.of(), List.of(), null);
        }
        FuncResult cached = entry == null ? null : entry.getResult();
        if (cached != null && isFresh(entry, cached, call, now)) {
            return new Outcome(
                    entry, List.of(call), List.of(), List.of(answerFor(call.getCallId(), cached, now)), null);
        }
        if (entry != null && entry.getLeader() != null) {
            List<FuncCall> waiters = new ArrayList<>(entry.getWaiters());
            waiters.add(call);
            return new Outcome(
                    CacheEntry.newBuilder(entry).setWaiters(waiters).build(),
                    List.of(call),
                    List.of(),
                    List.of(),
                    null);
        }
        CacheEntry running = CacheEntry.newBuilder()
                .setCacheKey(call.getCacheKey())
                .setLeader(call)
                .setWaiters(List.of())
                .setResult(null)
                .setExpiresAt(null)
                .build();
        return new Outcome(running, List.of(call), List.of(call), List.of(), null);
    }

    /**
     * A cacheable call ended with {@code result} (from the lifecycle, so at most once per call id, but for the
     * records a restart reads again and the {@code reminder}s of another run's end). {@code maxTtl} caps every TTL:
     * the router's retention, so a cached result's tables outlive it.
     */
    public static Outcome onCompletion(
            CacheEntry entry, FuncResult result, Instant now, Duration maxTtl, boolean reminder) {
        if (entry == null) {
            return Outcome.unchanged(null);
        }
        FuncCall leader = entry.getLeader();
        if (result.getCallId().equals(entry.getAnsweredBy())) {
            if (reminder) {
                // Another run of a leader whose end this entry already has: its waiters have their answers.
                return Outcome.unchanged(entry);
            }
            // This completion again (the router restarted before committing it): its answers may be lost.
            List<FuncResult> again = entry.getAnswered().stream()
                    .map(callId -> answerFor(callId, result, now))
                    .toList();
            return new Outcome(entry, List.of(), List.of(), again, null);
        }
        if (leader == null || !leader.getCallId().equals(result.getCallId())) {
            // A waiter that ended on its own (cancelled, timed out) or an answer coming back: forget it.
            List<FuncCall> waiters = new ArrayList<>(entry.getWaiters());
            boolean removed = waiters.removeIf(w -> w.getCallId().equals(result.getCallId()));
            return removed
                    ? Outcome.unchanged(
                            CacheEntry.newBuilder(entry).setWaiters(waiters).build())
                    : Outcome.unchanged(entry);
        }
        List<FuncCall> waiters = entry.getWaiters();
        if (result.getState() == CallState.CANCELLED || result.getState() == CallState.TIMED_OUT) {
            if (waiters.isEmpty()) {
                return new Outcome(withoutLeader(entry), List.of(), List.of(), List.of(), null);
            }
            FuncCall next = waiters.get(0);
            CacheEntry promoted = CacheEntry.newBuilder(entry)
                    .setLeader(next)
                    .setWaiters(new ArrayList<>(waiters.subList(1, waiters.size())))
                    .build();
            return new Outcome(promoted, List.of(), List.of(next), List.of(), null);
        }
        List<FuncResult> answers =
                waiters.stream().map(w -> answerFor(w.getCallId(), result, now)).toList();
        CacheEntry.Builder answered = CacheEntry.newBuilder(entry)
                .setLeader(null)
                .setWaiters(List.of())
                .setAnsweredBy(result.getCallId())
                .setAnswered(waiters.stream().map(FuncCall::getCallId).toList());
        Duration ttl = min(ttlOf(leader), maxTtl);
        if (result.getState() != CallState.FINISHED || ttl.isZero() || ttl.isNegative()) {
            Instant forgetAt = now.plus(REPLAY_WINDOW);
            CacheEntry uncached =
                    answered.setResult(null).setExpiresAt(forgetAt).build();
            return new Outcome(uncached, List.of(), List.of(), answers, forgetAt);
        }
        Instant expiresAt = now.plus(ttl);
        CacheEntry cached = answered.setResult(result).setExpiresAt(expiresAt).build();
        return new Outcome(cached, List.of(), List.of(), answers, expiresAt);
    }

    /**
     * The entry's expiry timer fired: drop the stale result and whom it answered, and the entry unless a call is
     * running for it.
     */
    public static CacheEntry onExpiry(CacheEntry entry, Instant now) {
        if (entry == null
                || entry.getExpiresAt() == null
                || entry.getExpiresAt().isAfter(now)) {
            return entry;
        }
        CacheEntry stale = CacheEntry.newBuilder(entry)
                .setResult(null)
                .setExpiresAt(null)
                .setAnsweredBy(null)
                .setAnswered(List.of())
                .build();
        return stale.getLeader() == null ? null : stale;
    }

    /** The call's TTL: how long its result answers identical calls, and the oldest result it accepts. */
    static Duration ttlOf(FuncCall call) {
        return call.getCacheTtlMs() == null ? DEFAULT_TTL : Duration.ofMillis(Math.max(0, call.getCacheTtlMs()));
    }

    private static boolean isFresh(CacheEntry entry, FuncResult cached, FuncCall call, Instant now) {
        boolean unexpired = entry.getExpiresAt() != null && now.isBefore(entry.getExpiresAt());
        boolean youngEnough = !now.isAfter(cached.getFinishedAt().plus(ttlOf(call)));
        return unexpired && youngEnough;
    }

    private static boolean knows(CacheEntry entry, String callId) {
        return (entry.getLeader() != null && entry.getLeader().getCallId().equals(callId))
                || entry.getWaiters().stream().anyMatch(w -> w.getCallId().equals(callId));
    }

    private static boolean wasAnswered(CacheEntry entry, String callId) {
        return callId.equals(entry.getAnsweredBy()) || entry.getAnswered().contains(callId);
    }

    /** An entry with nobody running for it: kept while it holds a fresh result or whom one answered. */
    private static CacheEntry withoutLeader(CacheEntry entry) {
        return entry.getResult() == null && entry.getAnsweredBy() == null
                ? null
                : CacheEntry.newBuilder(entry).setLeader(null).build();
    }

    /** The leader's result under another call's id, marked with the call whose run produced it. */
    static FuncResult answerFor(String callId, FuncResult source, Instant now) {
        return FuncResult.newBuilder(source)
                .setCallId(callId)
                .setCachedFrom(source.getCachedFrom() != null ? source.getCachedFrom() : source.getCallId())
                .setFinishedAt(now)
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
