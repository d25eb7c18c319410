package dev.computefabric.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for a future as if its work had run on this thread. */
public final class Futures {

    private Futures() {}

    /**
     * The future's value; if its work failed with a {@link RuntimeException}, that exception, not the
     * {@link CompletionException} that {@link CompletableFuture#join()} wraps it in, so callers catch and report the
     * exception the work threw. Anything else (a checked exception, an {@link Error}) stays wrapped: it is still a
     * {@code RuntimeException}, so a caller's {@code catch (RuntimeException e)} that cleans up still runs.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
