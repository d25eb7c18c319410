package dev.computefabric.gateway.it;

import dev.computefabric.avro.CallState;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code fabric.results} (what executors, and the router's cache, produced) from the beginning. */
final class ResultsTopic {

    private ResultsTopic() {}

    /** The states of every result executors produced for {@code callId} within {@code within}, stopping at {@code until}. */
    static List<CallState> statesOf(
            String bootstrap, String registryUrl, String callId, CallState until, Duration within) {
        List<CallState> states = new ArrayList<>();
        read(bootstrap, registryUrl, within, () -> states.contains(until), record -> {
            if (callId.equals(record.key()) && record.value() != null) {
                states.add(record.value().getState());
            }
        });
        return states;
    }

    /** Every result on {@code fabric.results} for {@code callIds}, reading until each has a terminal one or {@code within} ran out. */
    static List<FuncResult> terminalResultsOf(
            String bootstrap, String registryUrl, Set<String> callIds, Duration within) {
        List<FuncResult> results = new ArrayList<>();
        Set<String> ended = new HashSet<>();
        read(bootstrap, registryUrl, within, () -> ended.containsAll(callIds), record -> {
            FuncResult result = record.value();
            if (callIds.contains(record.key()) && result != null && Lifecycle.isTerminal(result.getState())) {
                results.add(result);
                ended.add(record.key());
            }
        });
        return results;
    }

    private static void read(
            String bootstrap,
            String registryUrl,
            Duration within,
            BooleanSupplier done,
            Consumer<ConsumerRecord<String, FuncResult>> each) {
        FabricSerdes serdes = FabricSerdes.forRegistry(registryUrl);
        try (KafkaConsumer<String, FuncResult> consumer = new KafkaConsumer<>(
                new KafkaClientConfig(bootstrap, "results-it").replyConsumer(),
                new StringDeserializer(),
                serdes.deserializer(FuncResult.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.RESULTS)
                    .forEach(p -> partitions.add(new TopicPartition(Topics.RESULTS, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !done.getAsBoolean()) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
