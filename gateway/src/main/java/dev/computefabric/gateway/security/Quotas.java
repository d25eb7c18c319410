package dev.computefabric.gateway.security;

import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.QuotaExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each principal's calls in flight and calls per second, at this gateway: a call holds a place from admission
 * until its terminal result arrives here (every call this gateway accepted is answered on its reply topic), and the
 * rate is a token bucket holding up to one second's worth of calls (at least one). A pipeline holds one place until
 * it ends and pays for all its calls when it is accepted.
 */
final class Quotas {

    /** What a client past its in-flight limit is told to wait: calls end at any moment. */
    static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Account> byCall = new ConcurrentHashMap<>();
    /**
     * Results that arrived before the broker's acknowledgement reached this gateway (a very fast call): their
     * call must not be counted as in flight when the acknowledgement follows.
     */
    private final Set<String> endedEarly = ConcurrentHashMap.newKeySet();

    static final int MAX_ENDED_EARLY = 10_000;

    Quotas(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes a place for one call of {@code principal}.
     *
     * @throws QuotaExceededException past either limit; nothing is taken then
     */
    CallGuard.Pass reserve(String principal, Policy.Limits limits) {
        return reserve(principal, limits, 1);
    }

    /**
     * Takes one place in flight for something of {@code principal} that runs {@code calls} calls (a pipeline), and
     * {@code calls} tokens of its rate: at least one must be left, and what it takes beyond them is owed (the
     * bucket goes below zero and refills before the next call passes).
     *
     * @throws QuotaExceededException past either limit; nothing is taken then
     */
    CallGuard.Pass reserve(String principal, Policy.Limits limits, int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1, got " + calls);
        }
        Account account = accounts.computeIfAbsent(principal, name -> new Account(name, clock.instant()));
        account.reserve(limits, clock.instant(), calls);
        return new CallGuard.Pass() {
            @Override
            public void accepted(String callId) {
                if (endedEarly.remove(callId)) {
                    account.abandoned();
                    return;
                }
                byCall.put(callId, account);
                account.accepted(callId);
                if (endedEarly.remove(callId) && byCall.remove(callId) != null) {
                    account.ended(callId);
                }
            }

            @Override
            public void abandoned() {
                account.abandoned();
            }
        };
    }

    void ended(String callId) {
        Account account = byCall.remove(callId);
        if (account != null) {
            account.ended(callId);
        } else if (endedEarly.size() < MAX_ENDED_EARLY) {
            // Also results of calls accepted before a restart; bounded, since those are never claimed.
            endedEarly.add(callId);
        }
    }

    /** Calls of {@code principal} in flight at this gateway, reserved ones included. */
    int inFlight(String principal) {
        Account account = accounts.get(principal);
        return account == null ? 0 : account.inFlight();
    }

    private static final class Account {
        private final String principal;
        private final Set<String> active = new HashSet<>();
        private int pending;
        /** NaN until the first call with a rate: the bucket starts full. Below zero while a pipeline is paid back. */
        private double tokens = Double.NaN;

        private Instant refilled;

        Account(String principal, Instant now) {
            this.principal = principal;
            this.refilled = now;
        }

        synchronized void reserve(Policy.Limits limits, Instant now, int calls) {
            Integer maxInFlight = limits.callsInFlight();
            if (maxInFlight != null && active.size() + pending >= maxInFlight) {
                throw new QuotaExceededException(
                        principal + " has " + (active.size() + pending)
                                + " calls in flight (a pipeline counts as one), its"
                                + " limit; retry once one has ended",
                        IN_FLIGHT_RETRY);
            }
            Double rate = limits.callsPerSecond();
            if (rate != null) {
                double capacity = Math.max(1, rate);
                double elapsed = Duration.between(refilled, now).toNanos() / 1e9;
                tokens = Double.isNaN(tokens) ? capacity : Math.min(capacity, tokens + Math.max(0, elapsed) * rate);
                refilled = now;
                if (tokens < 1) {
                    Duration wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
                    throw new QuotaExceededException(
                            principal + " may send " + rate + " calls per second; retry after " + wait.toMillis()
                                    + " ms",
                            wait);
                }
                tokens -= calls;
            }
            pending++;
        }

        synchronized void accepted(String callId) {
            pending--;
            active.add(callId);
        }

        synchronized void abandoned() {
            pending--;
        }

        synchronized void ended(String callId) {
            active.remove(callId);
        }

        synchronized int inFlight() {
            return active.size() + pending;
        }
    }
}
