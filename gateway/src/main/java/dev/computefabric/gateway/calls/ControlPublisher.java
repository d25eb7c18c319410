package dev.computefabric.gateway.calls;

import dev.computefabric.avro.ControlCommand;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** Writes control commands (cancel) to {@code fabric.control}, keyed by call id. */
@FunctionalInterface
public interface ControlPublisher {

    /**
     * Writes {@code command} to {@code partition} of {@code fabric.control}: the partition its call was read from,
     * where the router holds the call. Empty: where the call id's hash puts it, as for calls this gateway wrote.
     * Completes once the broker acknowledged the command, or fails with what the client reported.
     */
    CompletableFuture<Void> publish(ControlCommand command, OptionalInt partition);
}
