package dev.computefabric.gateway.pipelines;

import dev.computefabric.avro.PipelineStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * This gateway's view of pipelines: those it accepted (ACCEPTED until the router reports) and every pipeline's
 * latest status from {@code fabric.pipelines.status}, which replaces the accepted one. Bounded by count, the first
 * seen forgotten first.
 */
public final class RecentPipelines {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final Map<String, PipelineStatus> byId;

    public RecentPipelines(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
        }
        this.byId = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PipelineStatus> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** A pipeline this gateway accepted; a status the router already reported is kept. */
    public synchronized void accepted(PipelineStatus status) {
        byId.putIfAbsent(status.getPipelineId(), status);
    }

    /** Forgets an accepted pipeline whose write failed, unless the router reported on it meanwhile. */
    public synchronized void forget(PipelineStatus accepted) {
        byId.remove(accepted.getPipelineId(), accepted);
    }

    /**
     * One record of {@code fabric.pipelines.status}; null is a tombstone (the router forgot the pipeline). An end
     * already known (from the reply topic, which may overtake the status topic) is not undone by an older status.
     */
    public synchronized void onStatus(String pipelineId, PipelineStatus status) {
        if (status == null) {
            byId.remove(pipelineId);
            return;
        }
        PipelineStatus known = byId.get(pipelineId);
        if (known == null || !PipelineStatuses.isTerminal(known) || PipelineStatuses.isTerminal(status)) {
            byId.put(pipelineId, status);
        }
    }

    /** Replaces the pipeline's status unless it is already terminal: what its reply says happened. */
    public synchronized PipelineStatus endUnlessEnded(PipelineStatus ended) {
        PipelineStatus known = byId.get(ended.getPipelineId());
        if (known != null && PipelineStatuses.isTerminal(known)) {
            return known;
        }
        byId.put(ended.getPipelineId(), ended);
        return ended;
    }

    public synchronized Optional<PipelineStatus> find(String pipelineId) {
        return Optional.ofNullable(byId.get(pipelineId));
    }

    /** At most {@code limit} pipelines that {@code filter} keeps, the most recently submitted first. */
    public synchronized List<PipelineStatus> newest(int limit, Predicate<PipelineStatus> filter) {
        List<PipelineStatus> kept =
                new ArrayList<>(byId.values().stream().filter(filter).toList());
        kept.sort(Comparator.comparing(PipelineStatus::getSubmittedAt, Comparator.<Instant>reverseOrder())
                .thenComparing(PipelineStatus::getPipelineId));
        return kept.subList(0, Math.min(limit, kept.size()));
    }
}
