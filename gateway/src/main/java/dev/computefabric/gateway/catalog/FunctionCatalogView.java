package dev.computefabric.gateway.catalog;

import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.avro.FunctionCatalog;
import dev.computefabric.avro.FunctionSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This gateway's view of every function the fabric's nodes offer, fed from the compacted
 * {@code fabric.functions} (what each node serves) and {@code fabric.executors} (whether it is alive, and its free
 * slots). A node is live while its latest presence is at most {@code staleAfter} old by its own clock; a
 * tombstoned or stale node's functions stay known (calls to them are queued) but it is listed nowhere as live.
 *
 * <p>Written by the two topic followers' threads, read by request threads: the catalogs are indexed by function
 * name into an immutable map on every change (rare), presence is a concurrent map read at query time.
 */
public final class FunctionCatalogView {

    /** Three of the executors' default 5 s presence intervals: one lost or late record does not make a node dead. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(15);

    /** One node's offer of one function. */
    private record Offer(String executorId, FunctionSpec spec, Set<String> nodeCapabilities, Instant updatedAt) {}

    private final Clock clock;
    private final Duration staleAfter;
    private final Map<String, FunctionCatalog> catalogs = new HashMap<>();
    private final Map<String, ExecutorStatus> presence = new ConcurrentHashMap<>();
    private volatile Map<String, List<Offer>> byName = Map.of();

    public FunctionCatalogView(Clock clock, Duration staleAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        this.staleAfter = staleAfter;
    }

    /** One record of {@code fabric.functions}; {@code catalog} null is a tombstone (the node exited cleanly). */
    public synchronized void onCatalog(String executorId, FunctionCatalog catalog) {
        if (catalog == null) {
            catalogs.remove(executorId);
        } else {
            catalogs.put(executorId, catalog);
        }
        byName = index(catalogs);
    }

    /** One record of {@code fabric.executors}; {@code status} null is a tombstone (the node exited cleanly). */
    public void onPresence(String executorId, ExecutorStatus status) {
        if (status == null) {
            presence.remove(executorId);
        } else {
            presence.put(executorId, status);
        }
    }

    /** The function named {@code name}, if any node, live or not, has offered it and not withdrawn it. */
    public Optional<KnownFunction> find(String name) {
        List<Offer> offers = byName.get(name);
        return offers == null ? Optional.empty() : Optional.of(known(offers, clock.instant()));
    }

    /** Every known function, by name. */
    public List<KnownFunction> all() {
        Instant now = clock.instant();
        return byName.values().stream().map(offers -> known(offers, now)).toList();
    }

    /** The names of every known function, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether no node has offered any function: the fabric runs no node that publishes a catalog. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    private KnownFunction known(List<Offer> offers, Instant now) {
        List<LiveNode> live = new ArrayList<>();
        Offer best = null;
        boolean bestLive = false;
        for (Offer offer : offers) {
            Optional<LiveNode> node = live(offer, now);
            node.ifPresent(live::add);
            // The signature of a live node wins over a dead one's, a newer over an older one.
            boolean better = best == null
                    || (node.isPresent() && !bestLive)
                    || (node.isPresent() == bestLive && offer.updatedAt().isAfter(best.updatedAt()));
            if (better) {
                best = offer;
                bestLive = node.isPresent();
            }
        }
        live.sort(Comparator.comparing(LiveNode::executorId));
        return new KnownFunction(best.spec(), live);
    }

    private Optional<LiveNode> live(Offer offer, Instant now) {
        ExecutorStatus status = presence.get(offer.executorId());
        if (status == null || status.getUpdatedAt().plus(staleAfter).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(new LiveNode(
                offer.executorId(),
                offer.nodeCapabilities(),
                status.getSlots(),
                Math.max(0, status.getSlots() - status.getBusy()),
                status.getUpdatedAt()));
    }

    private static Map<String, List<Offer>> index(Map<String, FunctionCatalog> catalogs) {
        Map<String, List<Offer>> index = new TreeMap<>();
        catalogs.forEach((executorId, catalog) -> {
            Set<String> capabilities = Set.copyOf(catalog.getCapabilities());
            for (FunctionSpec spec : catalog.getFunctions()) {
                index.computeIfAbsent(spec.getName(), name -> new ArrayList<>())
                        .add(new Offer(executorId, spec, capabilities, catalog.getUpdatedAt()));
            }
        });
        index.replaceAll((name, offers) -> List.copyOf(offers));
        return java.util.Collections.unmodifiableMap(index);
    }
}
