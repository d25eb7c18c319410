package dev.computefabric.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for a future as if its work had run on this thread. */
public final class Futures {

    private Futures() {}

    /**
     * The future's value; if its work failed, what it failed with, not the {@link CompletionException} that
     * {@link CompletableFuture#join()} wraps it in, so callers catch and report the exception the work threw. A checked
     * exception cannot be rethrown as it is and stays wrapped.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
