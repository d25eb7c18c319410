package dev.computefabric.executor.dispatch.classic;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.executor.function.FabricTables;
import dev.computefabric.executor.function.FunctionRegistry;
import dev.computefabric.executor.function.builtin.Echo;
import dev.computefabric.executor.kafka.Encoders;
import dev.computefabric.executor.kafka.FabricPublisher;
import dev.computefabric.executor.run.CallRunner;
import dev.computefabric.executor.run.Slots;
import dev.computefabric.executor.run.WorkerPool;
import dev.computefabric.executor.testing.Gate;
import dev.computefabric.schemas.Topics;
import dev.computefabric.testing.PlainAvro;
import dev.computefabric.testing.SettableClock;
import dev.computefabric.testing.TestCalls;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** An executor's parts without a broker: a mock producer, real workers, echo and a gate, a settable clock. */
final class Fixture implements AutoCloseable {

    static final String EXECUTOR_ID = "node-1";

    final SettableClock clock = new SettableClock(TestCalls.SUBMITTED);
    final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    final FabricPublisher publisher = new FabricPublisher(producer,
            new Encoders(PlainAvro.serializer(10), PlainAvro.serializer(11), PlainAvro.serializer(12)), EXECUTOR_ID);
    final Gate gate = new Gate();
    final Slots slots;
    final WorkerPool workers;

    Fixture(int slots) {
        this.slots = new Slots(slots);
        CallRunner runner = new CallRunner(EXECUTOR_ID, new FunctionRegistry(List.of(new Echo(), gate)),
                FabricTables.inlineOnly(1024), publisher, clock);
        this.workers = new WorkerPool(runner, this.slots, publisher);
    }

    List<FuncResult> results() {
        return sentTo(Topics.RESULTS).stream().map(r -> PlainAvro.read(FuncResult.class, r.value())).toList();
    }

    List<CallEvent> events() {
        return sentTo(Topics.EVENTS).stream().map(r -> PlainAvro.read(CallEvent.class, r.value())).toList();
    }

    List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        gate.open();
        workers.close();
    }
}
