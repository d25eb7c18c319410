package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncCall;
import java.time.Instant;

/** Where a running call's events go ({@code fabric.events}); best effort, the result is what counts. */
@FunctionalInterface
public interface CallEvents {

    void started(FuncCall call, Instant at);

    /** How far the running call got: {@code fraction} 0.0 to 1.0, with what the function said. */
    default void progress(FuncCall call, Instant at, double fraction, String message) {}

    /** A line the running function logged, for whoever follows the call ({@code GET /v1/calls/{id}/events}). */
    default void log(FuncCall call, Instant at, String line) {}
}
