package dev.computefabric.gateway.console;

import dev.computefabric.avro.ExecutorStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executors alive now, from the compacted {@code fabric.executors}: each node republishes its presence every
 * few seconds (5 s by default) and writes a tombstone when it stops cleanly. A node whose latest presence is older
 * than {@code staleAfter} crashed or lost Kafka, and is not listed.
 */
public final class ExecutorDirectory {

    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(15);

    private final Clock clock;
    private final Duration staleAfter;
    private final Map<String, ExecutorStatus> byId = new ConcurrentHashMap<>();

    public ExecutorDirectory(Clock clock, Duration staleAfter) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** One record of {@code fabric.executors}; null is a tombstone. */
    public void onStatus(String executorId, ExecutorStatus status) {
        if (status == null) {
            byId.remove(executorId);
        } else {
            byId.put(executorId, status);
        }
    }

    /** Executors whose presence is fresh, by id. */
    public List<ExecutorStatus> live() {
        var oldest = clock.instant().minus(staleAfter);
        return byId.values().stream()
                .filter(status -> !status.getUpdatedAt().isBefore(oldest))
                .sorted(Comparator.comparing(ExecutorStatus::getExecutorId))
                .toList();
    }
}
