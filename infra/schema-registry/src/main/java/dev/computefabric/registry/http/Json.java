package dev.computefabric.registry.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The registry's JSON mapper and its media type. */
public final class Json {

    /** Confluent's media type; Confluent clients also accept application/json, but send this one. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Confluent's error body: {@code {"error_code": 40401, "message": "..."}}. */
    public static ObjectNode error(int errorCode, String message) {
        return object().put("error_code", errorCode).put("message", message);
    }
}
