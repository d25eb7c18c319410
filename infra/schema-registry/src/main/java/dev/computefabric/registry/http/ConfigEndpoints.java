package dev.computefabric.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.registry.CompatibilityLevel;
import dev.computefabric.registry.SchemaRegistry;

/**
 * {@code /config}: the compatibility level, global or per subject. Confluent reads it back as
 * {@code compatibilityLevel} but takes and echoes it as {@code compatibility}; clients depend on both names.
 */
final class ConfigEndpoints {

    private final SchemaRegistry registry;

    ConfigEndpoints(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(Router router) {
        router.add("GET", "/config", request -> read(registry.globalCompatibility()))
                .add("PUT", "/config", this::putGlobal)
                .add("GET", "/config/{subject}", this::getSubject)
                .add("PUT", "/config/{subject}", this::putSubject)
                .add("DELETE", "/config/{subject}", this::deleteSubject);
    }

    private Response putGlobal(Request request) {
        CompatibilityLevel level = levelIn(request.jsonObject());
        registry.setGlobalCompatibility(level);
        return written(level);
    }

    private Response getSubject(Request request) {
        return read(registry.subjectCompatibility(request.path("subject"), request.flag("defaultToGlobal")));
    }

    private Response putSubject(Request request) {
        CompatibilityLevel level = levelIn(request.jsonObject());
        registry.setSubjectCompatibility(request.path("subject"), level);
        return written(level);
    }

    private Response deleteSubject(Request request) {
        return read(registry.deleteSubjectCompatibility(request.path("subject")));
    }

    private static CompatibilityLevel levelIn(ObjectNode body) {
        return CompatibilityLevel.parse(body.path("compatibility").asText(null));
    }

    private static Response read(CompatibilityLevel level) {
        return Response.ok(Json.object().put("compatibilityLevel", level.name()));
    }

    private static Response written(CompatibilityLevel level) {
        return Response.ok(Json.object().put("compatibility", level.name()));
    }
}
