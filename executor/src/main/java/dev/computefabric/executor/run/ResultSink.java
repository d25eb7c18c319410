package dev.computefabric.executor.run;

import dev.computefabric.avro.FuncResult;
import java.util.concurrent.CompletableFuture;

/** Where results go ({@code fabric.results}); the future completes once the broker has the result. */
@FunctionalInterface
public interface ResultSink {

    CompletableFuture<Void> publish(FuncResult result);
}
