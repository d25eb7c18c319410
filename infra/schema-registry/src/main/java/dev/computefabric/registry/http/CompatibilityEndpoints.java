package dev.computefabric.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.registry.SchemaRegistry;
import dev.computefabric.registry.VersionRef;
import java.util.List;
import java.util.Optional;

/** {@code /compatibility}: would this schema be accepted, without registering it. */
final class CompatibilityEndpoints {

    private final SchemaRegistry registry;

    CompatibilityEndpoints(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(Router router) {
        router.add(
                        "POST",
                        "/compatibility/subjects/{subject}/versions/{version}",
                        request -> check(request, Optional.of(VersionRef.parse(request.path("version")))))
                .add("POST", "/compatibility/subjects/{subject}/versions", request -> check(request, Optional.empty()));
    }

    private Response check(Request request, Optional<VersionRef> version) {
        SchemaRequest body = SchemaRequest.from(request.jsonObject());
        List<String> problems = registry.checkCompatibility(request.path("subject"), version, body.schema());
        ObjectNode answer = Json.object().put("is_compatible", problems.isEmpty());
        // Confluent lists the reasons only when asked to.
        if (request.flag("verbose")) {
            problems.forEach(answer.putArray("messages")::add);
        }
        return Response.ok(answer);
    }
}
