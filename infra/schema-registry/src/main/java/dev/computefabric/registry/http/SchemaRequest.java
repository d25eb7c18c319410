package dev.computefabric.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.registry.RegistryException;

/**
 * The body of register, lookup and compatibility requests:
 * {@code {"schema": "...", "schemaType": "AVRO", "references": []}}. Only Avro without references is served.
 */
record SchemaRequest(String schema) {

    static final String AVRO = "AVRO";

    static SchemaRequest from(ObjectNode body) {
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
            throw RegistryException.invalidSchema("the request has no \"schema\" string");
        }
        String type = body.path("schemaType").asText(AVRO);
        if (!AVRO.equalsIgnoreCase(type)) {
            throw RegistryException.invalidSchema("schemaType " + type + " is not supported, only " + AVRO);
        }
        JsonNode references = body.get("references");
        if (references != null && !references.isNull() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported; inline the referenced types");
        }
        return new SchemaRequest(schema.asText());
    }
}
