package dev.computefabric.executor.dispatch.classic;

import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses every assigned partition while the node cannot start a call, and resumes them when it can. The
 * consumer keeps polling while paused, so the node stays in the group; records it had already fetched for
 * a paused partition stay buffered in the client and come back after resume.
 */
final class Backpressure {

    private static final Logger log = LoggerFactory.getLogger(Backpressure.class);

    private boolean paused;

    /**
     * Whether to stop fetching: while stopping, while a received call waits for slots (the backlog holds at
     * most one poll's worth), or while no slot is free.
     */
    static boolean shouldPause(boolean stopping, int backlog, int freeSlots) {
        return stopping || backlog > 0 || freeSlots == 0;
    }

    void apply(Consumer<?, ?> consumer, boolean pause) {
        if (pause && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.debug("paused {} partitions", consumer.assignment().size());
        } else if (!pause && paused) {
            consumer.resume(consumer.paused());
            paused = false;
            log.debug("resumed {} partitions", consumer.assignment().size());
        }
    }

    /** After a rebalance: newly assigned partitions start unpaused, so pause them too if paused. */
    void reapply(Consumer<?, ?> consumer) {
        if (paused) {
            consumer.pause(consumer.assignment());
        }
    }

    boolean paused() {
        return paused;
    }
}
