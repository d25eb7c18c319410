package dev.computefabric.gateway.calls;

import dev.computefabric.avro.ControlCommand;
import java.util.concurrent.CompletableFuture;

/** Writes control commands (cancel) to {@code fabric.control}, keyed by call id. */
@FunctionalInterface
public interface ControlPublisher {

    /** Completes once the broker acknowledged the command, or fails with what the client reported. */
    CompletableFuture<Void> publish(ControlCommand command);
}
