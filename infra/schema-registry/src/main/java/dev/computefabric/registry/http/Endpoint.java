package dev.computefabric.registry.http;

/** Handles the requests of one route; refusals are thrown as {@link dev.computefabric.registry.RegistryException}. */
@FunctionalInterface
public interface Endpoint {

    Response handle(Request request);
}
