package dev.computefabric.bench;

import java.util.concurrent.CompletableFuture;

/** One way of calling the fabric (over HTTP, straight to Kafka): a call completes once its result is back. */
interface Caller extends AutoCloseable {

    /** Calls {@code function} with {@code argsJson}; completes with the finished call, fails if it did not finish. */
    CompletableFuture<Outcome> call(String function, String argsJson);

    /** What a benchmark needs to know of a finished call. */
    record Outcome(String callId, String executorId) {}

    @Override
    void close();
}
