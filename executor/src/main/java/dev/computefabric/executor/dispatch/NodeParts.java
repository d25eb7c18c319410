package dev.computefabric.executor.dispatch;

import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.schemas.Capset;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * The parts of an executor node a dispatcher works with, whichever way it takes calls from Kafka.
 *
 * @param executorId   names the node in results, dead letters and refusals
 * @param capabilities decide which capability topics the node serves
 * @param decoder      turns a record into a call, or says why it cannot
 * @param slots        the node's capacity; a dispatcher acquires a call's slots before the call starts
 * @param workers      run the calls and settle them
 * @param publisher    the way out to Kafka: results and dead letters
 * @param overloaded   whether the host is too busy to take more calls now (then the dispatcher fetches none)
 * @param clock        for deadlines, back-offs and lock renewals
 */
public record NodeParts(
        String executorId,
        Capset capabilities,
        CallDecoder decoder,
        Slots slots,
        WorkerPool workers,
        FabricPublisher publisher,
        BooleanSupplier overloaded,
        Clock clock) {}
