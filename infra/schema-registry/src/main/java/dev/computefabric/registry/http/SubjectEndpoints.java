package dev.computefabric.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.registry.RegistryException;
import dev.computefabric.registry.SchemaRegistry;
import dev.computefabric.registry.SchemaVersion;
import dev.computefabric.registry.VersionRef;

/** {@code /subjects}: register, look up, list and delete the versions of a subject. */
final class SubjectEndpoints {

    private final SchemaRegistry registry;

    SubjectEndpoints(SchemaRegistry registry) {
        this.registry = registry;
    }

    void addTo(Router router) {
        router.add("GET", "/subjects", this::listSubjects)
                .add("POST", "/subjects/{subject}", this::lookup, this::lookup)
                .add("DELETE", "/subjects/{subject}", this::deleteSubject)
                .add("GET", "/subjects/{subject}/versions", this::listVersions)
                .add("POST", "/subjects/{subject}/versions", this::register, this::registerKnown)
                .add("GET", "/subjects/{subject}/versions/{version}", this::version)
                .add("GET", "/subjects/{subject}/versions/{version}/schema", this::rawSchema);
    }

    private Response listSubjects(Request request) {
        return Response.ok(registry.subjects(request.flag("deleted")));
    }

    private Response register(Request request) {
        SchemaRequest body = SchemaRequest.from(request.jsonObject());
        SchemaVersion registered = registry.register(request.path("subject"), body.schema());
        return Response.ok(Json.object().put("id", registered.id()));
    }

    /**
     * A registration by someone who may not write: answered like a registration when the schema is already there
     * (clients that register on first use, as Confluent's serializers do by default, then need no credentials for the
     * fabric's pre-registered contract), refused with {@code 401} when it would add a schema.
     */
    private Response registerKnown(Request request) {
        SchemaRequest body = SchemaRequest.from(request.jsonObject());
        String subject = request.path("subject");
        try {
            return Response.ok(Json.object()
                    .put("id", registry.lookup(subject, body.schema()).id()));
        } catch (RegistryException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            throw WriteGuard.unauthorized(
                    "POST", "schema not yet under subject '" + subject + "': only a fabric user may register it");
        }
    }

    private Response lookup(Request request) {
        SchemaRequest body = SchemaRequest.from(request.jsonObject());
        return Response.ok(describe(registry.lookup(request.path("subject"), body.schema())));
    }

    private Response listVersions(Request request) {
        return Response.ok(registry.versions(request.path("subject")));
    }

    private Response version(Request request) {
        return Response.ok(describe(find(request)));
    }

    /** The schema itself, unwrapped, as Confluent serves it for tools that want the .avsc. */
    private Response rawSchema(Request request) {
        String schema = find(request).schema();
        try {
            return Response.ok(Json.MAPPER.readTree(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema is not JSON: " + schema, e);
        }
    }

    private Response deleteSubject(Request request) {
        return Response.ok(registry.deleteSubject(request.path("subject"), request.flag("permanent")));
    }

    private SchemaVersion find(Request request) {
        VersionRef ref = VersionRef.parse(request.path("version"));
        return registry.version(request.path("subject"), ref, request.flag("deleted"));
    }

    private static ObjectNode describe(SchemaVersion version) {
        return Json.object()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }
}
