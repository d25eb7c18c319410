package dev.computefabric.gateway.calls;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call asked of the result cache: nothing ({@code "cache"} absent: the gateway's policy decides),
 * {@code "cache": false}, {@code "cache": true} or {@code "cache": {"ttl": "10m"}}.
 *
 * @param choice what the caller said
 * @param ttl    the TTL the caller named, or null for the gateway's
 */
public record Caching(Choice choice, Duration ttl) {

    public enum Choice {
        POLICY,
        OFF,
        ON
    }

    public static final Caching POLICY = new Caching(Choice.POLICY, null);
    public static final Caching OFF = new Caching(Choice.OFF, null);

    public Caching {
        Objects.requireNonNull(choice, "choice");
        if (ttl != null && (choice != Choice.ON || ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException(
                    "a TTL must be positive and only comes with ON, got " + choice + " " + ttl);
        }
    }

    public static Caching on(Duration ttl) {
        return new Caching(Choice.ON, ttl);
    }

    /**
     * The gateway's cache settings.
     *
     * @param ttl       TTL of a call that asks for caching without naming one (and of every call, when on by default)
     * @param byDefault whether calls that do not say are cached
     */
    public record Policy(Duration ttl, boolean byDefault) {

        public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
        public static final Policy DEFAULTS = new Policy(DEFAULT_TTL, false);

        public Policy {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException(
                        "fabric.cache.ttl must be a positive duration such as 10m, got " + ttl);
            }
        }
    }

    /** The TTL this call is cached with under {@code policy}; empty: the call is not cached. */
    public Optional<Duration> ttlUnder(Policy policy) {
        return switch (choice) {
            case OFF -> Optional.empty();
            case ON -> Optional.of(ttl != null ? ttl : policy.ttl());
            case POLICY -> policy.byDefault() ? Optional.of(policy.ttl()) : Optional.empty();
        };
    }
}
