package dev.computefabric.executor.dispatch.share;

import dev.computefabric.executor.dispatch.ServedTopics;
import dev.computefabric.schemas.Capset;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capability topics this node serves, found by listing topics: a share consumer subscribes to names
 * only, so topics created later are found by listing again every few seconds. Lanes read {@link #current()}
 * and re-subscribe when it changed.
 */
final class CapabilityTopics {

    private static final Logger log = LoggerFactory.getLogger(CapabilityTopics.class);

    private final Capset capabilities;
    private final Supplier<Set<String>> listTopics;
    private volatile Set<String> current = Set.of();

    /** @param listTopics every topic name in the cluster; may throw when the cluster cannot be reached */
    CapabilityTopics(Capset capabilities, Supplier<Set<String>> listTopics) {
        this.capabilities = capabilities;
        this.listTopics = listTopics;
    }

    Set<String> current() {
        return current;
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
            if (!served.equals(current)) {
                log.info("serving capability topics {}", served);
                current = Set.copyOf(served);
            }
        } catch (RuntimeException e) {
            log.warn("cannot list topics, keeping {}: {}", current, e.toString());
        }
    }

    /** Lists every {@code interval} until {@code stopped} says so; runs on its own thread. */
    void refreshEvery(Duration interval, java.util.function.BooleanSupplier stopped) {
        while (!stopped.getAsBoolean()) {
            try {
                TimeUnit.MILLISECONDS.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            refresh();
        }
    }
}
