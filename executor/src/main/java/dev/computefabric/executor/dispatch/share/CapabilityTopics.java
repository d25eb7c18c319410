package dev.computefabric.executor.dispatch.share;

import dev.computefabric.avro.Priority;
import dev.computefabric.executor.dispatch.ServedTopics;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capability topics this node serves, by priority level, found by listing topics: a share consumer
 * subscribes to names only, so topics created later are found by listing again every few seconds. Lanes read
 * {@link #current(Priority)} and re-subscribe that level's consumer when it changed.
 */
final class CapabilityTopics {

    private static final Logger log = LoggerFactory.getLogger(CapabilityTopics.class);

    private final Capset capabilities;
    private final Supplier<Set<String>> listTopics;
    private volatile Map<Priority, Set<String>> current = byLevel(Set.of());

    /** @param listTopics every topic name in the cluster; may throw when the cluster cannot be reached */
    CapabilityTopics(Capset capabilities, Supplier<Set<String>> listTopics) {
        this.capabilities = capabilities;
        this.listTopics = listTopics;
    }

    /** Every served topic, of every level. */
    Set<String> current() {
        Set<String> all = new TreeSet<>();
        current.values().forEach(all::addAll);
        return all;
    }

    /** The served topics that carry calls of {@code level}; empty while no one sent such a call. */
    Set<String> current(Priority level) {
        return current.get(level);
    }

    /** Lists the topics again; keeps the previous set when listing fails. */
    void refresh() {
        try {
            Set<String> served = new TreeSet<>();
            for (String topic : listTopics.get()) {
                if (ServedTopics.serves(capabilities, topic)) {
                    served.add(topic);
                }
            }
            Map<Priority, Set<String>> levels = byLevel(served);
            if (!levels.equals(current)) {
                log.info("serving capability topics {}", served);
                current = levels;
            }
        } catch (RuntimeException e) {
            log.warn("cannot list topics, keeping {}: {}", current(), e.toString());
        }
    }

    /** Lists every {@code interval} until {@code stopped} says so; runs on its own thread. */
    void refreshEvery(Duration interval, BooleanSupplier stopped) {
        while (!stopped.getAsBoolean()) {
            try {
                TimeUnit.MILLISECONDS.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            refresh();
        }
    }

    private static Map<Priority, Set<String>> byLevel(Set<String> topics) {
        Map<Priority, Set<String>> levels = new EnumMap<>(Priority.class);
        for (Priority level : Priority.values()) {
            Set<String> ofLevel = new TreeSet<>();
            for (String topic : topics) {
                if (Topics.priorityOf(topic) == level) {
                    ofLevel.add(topic);
                }
            }
            levels.put(level, Set.copyOf(ofLevel));
        }
        return Map.copyOf(levels);
    }
}
