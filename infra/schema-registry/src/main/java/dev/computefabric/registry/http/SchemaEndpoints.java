package dev.computefabric.registry.http;

import dev.computefabric.registry.RegistryException;
import dev.computefabric.registry.SchemaRegistry;
import java.util.List;

/** {@code /schemas}: schemas by global id, the lookup every deserializer makes. */
final class SchemaEndpoints {

    private final SchemaRegistry registry;

    SchemaEndpoints(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(Router router) {
        router.add("GET", "/schemas/ids/{id}", this::byId)
                .add("GET", "/schemas/types", request -> Response.ok(List.of(SchemaRequest.AVRO)));
    }

    private Response byId(Request request) {
        String text = request.path("id");
        int id;
        try {
            id = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, 404, "HTTP 404 Not Found: schema id '" + text + "' is not a number");
        }
        return Response.ok(Json.object().put("schema", registry.schemaById(id)));
    }
}
