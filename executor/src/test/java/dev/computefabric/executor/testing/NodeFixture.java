package dev.computefabric.executor.testing;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.control.CancelRegistry;
import dev.computefabric.executor.dispatch.CallDecoder;
import dev.computefabric.executor.dispatch.NodeParts;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.function.builtin.Fail;
import dev.computefabric.executor.kafka.Encoders;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.run.CallRunner;
import dev.computefabric.executor.run.CallSupervisor;
import dev.computefabric.executor.run.RetryPolicy;
import dev.computefabric.executor.run.RetryingRunner;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An executor's parts without a broker, for dispatcher tests: a mock producer, real workers that run
 * {@code echo}, {@code fail} and a {@link Gate} once each (no retries), a settable clock.
 */
public final class NodeFixture implements AutoCloseable {

    public static final String EXECUTOR_ID = "node-1";

    public final SettableClock clock = new SettableClock(TestCalls.SUBMITTED);
    public final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    public final FabricPublisher publisher = new FabricPublisher(
            producer,
            new Encoders(
                    PlainAvro.serializer(10),
                    PlainAvro.serializer(11),
                    PlainAvro.serializer(12),
                    PlainAvro.serializer(13)),
            EXECUTOR_ID);
    public final Gate gate = new Gate();
    public final Slots slots;
    public final WorkerPool workers;

    public NodeFixture(int slots) {
        this.slots = new Slots(slots);
        CallRunner runner = new CallRunner(
                EXECUTOR_ID,
                new FunctionRegistry(List.of(new Echo(), new Fail(), gate)),
                FabricTables.inlineOnly(1024),
                publisher,
                clock);
        CallSupervisor supervisor = new CallSupervisor(
                new RetryingRunner(runner, RetryPolicy.defaults().withMaxRetries(0)),
                CancelRegistry.defaults(clock),
                clock);
        this.workers = new WorkerPool(this.slots, supervisor, publisher);
    }

    /** The node as a dispatcher sees it, serving {@code fabric.calls.any}, decoding with {@code decoder}. */
    public NodeParts parts(CallDecoder decoder, BooleanSupplier overloaded) {
        return new NodeParts(EXECUTOR_ID, Capset.of(), decoder, slots, workers, publisher, overloaded, clock);
    }

    public List<FuncResult> results() {
        return sentTo(Topics.RESULTS).stream()
                .map(r -> PlainAvro.read(FuncResult.class, r.value()))
                .toList();
    }

    public List<CallEvent> events() {
        return sentTo(Topics.EVENTS).stream()
                .map(r -> PlainAvro.read(CallEvent.class, r.value()))
                .toList();
    }

    public List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        gate.open();
        workers.close();
    }
}
