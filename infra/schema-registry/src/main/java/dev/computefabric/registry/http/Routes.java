package dev.computefabric.registry.http;

import dev.computefabric.registry.SchemaRegistry;

/** The registry's REST API: every route of the Confluent Schema Registry API this registry serves. */
public final class Routes {

    private Routes() {}

    public static Router of(SchemaRegistry registry) {
        Router router = new Router();
        // Confluent answers {} at the root; clients and probes use it as a liveness check.
        router.add("GET", "/", request -> Response.ok(Json.object()));
        new SubjectEndpoints(registry).addTo(router);
        new SchemaEndpoints(registry).addTo(router);
        new ConfigEndpoints(registry).addTo(router);
        new CompatibilityEndpoints(registry).addTo(router);
        return router;
    }
}
