package dev.computefabric.gateway.console;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.CallEventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines of running calls (LOG events on {@code fabric.events}, read from the end when the gateway starts): the
 * last {@code linesPerCall} of the {@code calls} most recently logging calls, so that a client that opens a
 * call late still sees its recent lines, and the clients following a call, told of every new line. Watchers
 * run on the events consumer's thread and must hand slow work to another.
 */
public final class CallLogs {

    public static final int DEFAULT_LINES_PER_CALL = 200;
    public static final int DEFAULT_CALLS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(CallLogs.class);

    /** One line a function logged. */
    public record Line(String callId, Instant at, String executorId, int attempt, String text) {}

    private final int linesPerCall;
    private final int calls;
    private final LinkedHashMap<String, Deque<Line>> recent;
    private final Map<String, Set<Consumer<Line>>> watchers = new ConcurrentHashMap<>();

    public CallLogs(int linesPerCall, int calls) {
        if (linesPerCall < 1 || calls < 1) {
            throw new IllegalArgumentException(
                    "linesPerCall and calls must be >= 1, got " + linesPerCall + " and " + calls);
        }
        this.linesPerCall = linesPerCall;
        this.calls = calls;
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Line>> eldest) {
                return size() > CallLogs.this.calls;
            }
        };
    }

    /** One record of {@code fabric.events}; only LOG events matter here. */
    public void onEvent(CallEvent event) {
        if (event == null || event.getType() != CallEventType.LOG || event.getMessage() == null) {
            return;
        }
        Line line = new Line(
                event.getCallId(), event.getAt(), event.getExecutorId(), event.getAttempt(), event.getMessage());
        // Watchers are told under the lock, so that follow() hands out each line exactly once: as recent, or live.
        synchronized (this) {
            Deque<Line> lines = recent.computeIfAbsent(line.callId(), id -> new ArrayDeque<>());
            if (lines.size() == linesPerCall) {
                lines.removeFirst();
            }
            lines.addLast(line);
            for (Consumer<Line> watcher : watchers.getOrDefault(line.callId(), Set.of())) {
                try {
                    watcher.accept(line);
                } catch (RuntimeException e) {
                    log.warn("a log watcher of call {} failed: {}", line.callId(), e.toString());
                }
            }
        }
    }

    public synchronized List<Line> recent(String callId) {
        Deque<Line> lines = recent.get(callId);
        return lines == null ? List.of() : List.copyOf(lines);
    }

    /** The lines kept so far and a handle that, until closed, tells {@code watcher} of every later line. */
    public record Following(List<Line> recent, AutoCloseable handle) {}

    /** Starts telling {@code watcher} about new lines of {@code callId}; returns the lines before them. */
    public synchronized Following follow(String callId, Consumer<Line> watcher) {
        watchers.computeIfAbsent(callId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        AutoCloseable handle = () -> watchers.computeIfPresent(callId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
        return new Following(recent(callId), handle);
    }
}
