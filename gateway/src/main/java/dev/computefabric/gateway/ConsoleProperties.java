package dev.computefabric.gateway;

import dev.computefabric.gateway.calls.HeapBudget;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.console.CallLogs;
import dev.computefabric.gateway.console.ExecutorDirectory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the console's API keeps, under {@code fabric.console.*}.
 *
 * @param maxCalls           calls in the list behind {@code GET /v1/calls} (oldest submitted go first), default 100,000
 * @param maxBytes           memory budget of that list, default an eighth of the heap, at most 64 MiB ({@link HeapBudget})
 * @param executorStaleAfter an executor whose presence is older than this is not listed, default 15s (3 presence intervals)
 * @param logLinesPerCall    log lines kept per call for clients that open it late, default 200
 * @param logCalls           calls whose log lines are kept, most recently logging first, default 2,000
 */
@ConfigurationProperties("fabric.console")
public record ConsoleProperties(
        Integer maxCalls, Long maxBytes, Duration executorStaleAfter, Integer logLinesPerCall, Integer logCalls) {

    public ConsoleProperties {
        maxCalls = atLeast("fabric.console.max-calls", maxCalls, CallIndex.DEFAULT_MAX_CALLS, 1);
        maxBytes = maxBytes == null ? HeapBudget.perView() : maxBytes;
        if (maxBytes < 1024 * 1024) {
            throw new IllegalArgumentException("fabric.console.max-bytes must be at least 1 MiB, got " + maxBytes);
        }
        executorStaleAfter = TableProperties.positive(
                "fabric.console.executor-stale-after", executorStaleAfter, ExecutorDirectory.DEFAULT_STALE_AFTER);
        logLinesPerCall =
                atLeast("fabric.console.log-lines-per-call", logLinesPerCall, CallLogs.DEFAULT_LINES_PER_CALL, 1);
        logCalls = atLeast("fabric.console.log-calls", logCalls, CallLogs.DEFAULT_CALLS, 1);
    }

    public static ConsoleProperties defaults() {
        return new ConsoleProperties(null, null, null, null, null);
    }

    private static int atLeast(String name, Integer value, int fallback, int minimum) {
        if (value == null) {
            return fallback;
        }
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
