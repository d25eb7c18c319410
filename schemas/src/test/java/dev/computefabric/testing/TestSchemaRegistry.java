package dev.computefabric.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two calls of the Confluent Schema Registry API the serdes make, over real HTTP on a free port:
 * register a schema (one id per distinct schema), and fetch a schema by id. Enough to run the real
 * wire-format serdes in topology tests without the registry that infra/ runs.
 */
public final class TestSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicInteger requests = new AtomicInteger();

    private TestSchemaRegistry(HttpServer server) {
        this.server = server;
    }

    public static TestSchemaRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestSchemaRegistry registry = new TestSchemaRegistry(server);
        server.createContext("/subjects/", registry::register);
        server.createContext("/schemas/ids/", registry::lookUp);
        server.start();
        return registry;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many HTTP requests the registry answered: what a caching client saves shows here. */
    public int requests() {
        return requests.get();
    }

    /** The id the registry gave {@code schema} (its JSON text), or null if it was never registered. */
    public Integer idOf(String schema) {
        return idsBySchema.get(schema);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String schema = body.path("schema").asText();
        int id = idsBySchema.computeIfAbsent(schema, s -> {
            int next = nextId.getAndIncrement();
            schemasById.put(next, s);
            return next;
        });
        respond(exchange, 200, JSON.createObjectNode().put("id", id).toString());
    }

    private void lookUp(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String schema = schemasById.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
        if (schema == null) {
            respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
            respond(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
        }
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
