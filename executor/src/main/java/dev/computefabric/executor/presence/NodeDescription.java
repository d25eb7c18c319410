package dev.computefabric.executor.presence;

import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.schemas.Capset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parts of a node's presence that do not change while it runs. */
public record NodeDescription(String executorId, String host, String version, Capset capabilities, int slots) {

    /** The presence record at {@code at}, with {@code busy} slots occupied and {@code functions} offered. */
    public ExecutorStatus status(int busy, List<String> functions, Instant at) {
        return ExecutorStatus.newBuilder()
                .setExecutorId(executorId)
                .setHost(host)
                .setVersion(version)
                .setCapabilities(new ArrayList<>(capabilities.asSet()))
                .setFunctions(new ArrayList<>(functions))
                .setSlots(slots)
                .setBusy(busy)
                .setUpdatedAt(at)
                .build();
    }
}
