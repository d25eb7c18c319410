package dev.computefabric.executor.dispatch.share;

import dev.computefabric.executor.dispatch.Admission;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.load.HostLoad;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every lane of one executor shares: the slots, the workers, the way out to Kafka, the topics to
 * subscribe to, and the stop flag.
 *
 * @param waitingForSlots lanes holding a call that needs more slots than are free; while any waits, no lane
 *                        takes new calls, so a big call cannot be starved by small ones
 */
record LaneContext(String executorId, CallDecoder decoder, Slots slots, WorkerPool workers, FabricPublisher publisher,
                   HostLoad load, CapabilityTopics topics, ShareDispatchOptions options, Clock clock,
                   AtomicBoolean stopping, AtomicInteger waitingForSlots, CountDownLatch polledOnce) {

    Admission admission() {
        return new Admission(executorId, slots.capacity(), options.maxDeliveries());
    }

    boolean stopRequested() {
        return stopping.get();
    }
}
