package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.FuncResult;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A result the router writes to {@code fabric.results} itself (a call's TIMED_OUT at its deadline), with the partition
 * number its call was read from. Executors write a call's result there too ({@code FabricPublisher}): a call need not be
 * on the partition its id hashes to, and the result must reach the task that holds the call. Only the
 * {@link FuncResult} is written.
 */
public record OwnResult(int partition, FuncResult result) {

    public OwnResult {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        Objects.requireNonNull(result, "result");
    }

    /** Picks the result's own partition for the sink. */
    public static StreamPartitioner<String, OwnResult> partitioner() {
        return (topic, callId, own, numPartitions) -> Optional.of(Set.of(own.partition()));
    }

    /** Writes the {@link FuncResult} alone, with {@code results}, as an executor's result is written. */
    public static Serializer<OwnResult> serializer(Serializer<FuncResult> results) {
        return (topic, own) -> own == null ? null : results.serialize(topic, own.result());
    }
}
