package dev.computefabric.gateway.calls;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP layer asks of the fabric. Futures, not blocking calls: a request that waits for a result
 * holds no thread while it waits. Failures are {@link GatewayException}s, thrown or inside the future.
 */
public interface Calls {

    /**
     * Checks the call against the function catalog, publishes it and completes once the broker acknowledged it;
     * with a wait, once the result arrived or the wait passed, whichever is first. The snapshot says which:
     * terminal or not.
     */
    CompletableFuture<Submitted> submit(CallSubmission submission);

    /** The call's current snapshot; with a wait, held until the call is terminal or the wait passed. */
    CompletableFuture<CallSnapshot> find(String callId, Optional<Duration> wait);
}
