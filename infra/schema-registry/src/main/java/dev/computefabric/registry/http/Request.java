package dev.computefabric.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.registry.RegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One HTTP request, with the path variables its route captured and its decoded query parameters. */
public record Request(String method, Map<String, String> pathVariables, Map<String, String> query, byte[] body) {

    public String path(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path variable {" + name + "}");
        }
        return value;
    }

    /** A query flag such as {@code ?deleted=true}; absent means false. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    /** The body as a JSON object; an empty body reads as {@code {}}, anything else but an object is a 400. */
    public ObjectNode jsonObject() {
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw RegistryException.badRequest("Request body must be a JSON object, got: " + node.getNodeType());
        }
        return object;
    }
}
