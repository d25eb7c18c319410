package dev.computefabric.executor.dispatch.share;

import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.NodeParts;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every lane of one executor shares: the node's parts, the admission rule, the topics to subscribe to,
 * and the state lanes coordinate through.
 *
 * @param stopping        set once the node stops taking calls
 * @param waitingForSlots lanes holding a call that needs more than one slot, waiting for them; while any waits, no
 *                        lane takes new calls, so a big call cannot be starved by small ones
 * @param polledOnce      counts down once per lane at its first poll: the node is ready when all have polled
 */
record LaneContext(
        NodeParts node,
        Admission admission,
        CapabilityTopics topics,
        ShareDispatchOptions options,
        AtomicBoolean stopping,
        AtomicInteger waitingForSlots,
        CountDownLatch polledOnce) {

    boolean stopRequested() {
        return stopping.get();
    }

    /** Whether a lane may poll for another call now: nobody waits for slots and the host has room. */
    boolean takingCalls() {
        return waitingForSlots.get() == 0 && !node.overloaded().getAsBoolean();
    }
}
