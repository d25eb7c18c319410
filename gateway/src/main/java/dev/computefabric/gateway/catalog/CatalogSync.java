package dev.computefabric.gateway.catalog;

import java.util.concurrent.CompletableFuture;

/**
 * Brings the catalog view up to date with its topics as they are now. Asked before a call is refused: a node
 * whose catalog the broker acknowledged before the call arrived must not be missed because the view lagged.
 */
@FunctionalInterface
public interface CatalogSync {

    /** A sync that has nothing to wait for: the view is all there is (tests, a catalog that is off). */
    CatalogSync NONE = () -> CompletableFuture.completedFuture(null);

    /** Completes once the view holds every record written to the catalog topics before this call. */
    CompletableFuture<Void> catchUp();
}
