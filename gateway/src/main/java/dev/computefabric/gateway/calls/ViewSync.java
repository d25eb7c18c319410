package dev.computefabric.gateway.calls;

import java.util.concurrent.CompletableFuture;

/**
 * Brings a view this gateway keeps of a followed topic up to date with the topic as it is now. Asked before an answer
 * that says something is not there (a function to refuse, a call to answer 404 for): what the broker acknowledged
 * before the question must not be missed because the view lagged.
 */
@FunctionalInterface
public interface ViewSync {

    /** A sync that has nothing to wait for: the view is all there is (tests, a follower that is off). */
    ViewSync NONE = () -> CompletableFuture.completedFuture(null);

    /** Completes once the view holds every record written to its topics before this call. */
    CompletableFuture<Void> catchUp();
}
