package dev.computefabric.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.schemas.FabricCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Client for the part of the Confluent Schema Registry REST API the serdes need: register a schema
 * under a subject, and look a schema up by id. Both answers are cached for the life of the client,
 * so a warm serde makes no HTTP call.
 *
 * <p>With credentials every request carries them as HTTP Basic (a secure fabric's registry refuses writes without);
 * by default they are this process's own ({@link FabricCredentials#fromEnvironment()}), none on a plaintext fabric.
 */
public final class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final URI baseUrl;
    private final HttpClient http;
    private final Optional<FabricCredentials> credentials;
    private final Map<Schema, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, FabricCredentials.fromEnvironment());
    }

    public SchemaRegistryClient(String baseUrl, Optional<FabricCredentials> credentials) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry url is required");
        }
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.credentials = credentials;
    }

    /** One client (and so one cache) per registry URL in this JVM. */
    public static SchemaRegistryClient shared(String baseUrl) {
        return SHARED.computeIfAbsent(baseUrl, SchemaRegistryClient::new);
    }

    public String baseUrl() {
        return baseUrl.toString();
    }

    /**
     * Registers {@code schema} under {@code subject} (idempotent) and returns its global id. The schema goes
     * to the registry as {@link PortableSchema} (without Java-only properties), so a client in any language
     * that registers the same {@code .avsc} gets the same id.
     */
    public int register(String subject, Schema schema) {
        Integer cached = idsBySchema.get(schema);
        if (cached != null) {
            return cached;
        }
        String body = JSON.createObjectNode()
                .put("schema", PortableSchema.of(schema).toString())
                .toString();
        JsonNode answer = send(
                HttpRequest.newBuilder(resolve("subjects/" + encode(subject) + "/versions"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                "register " + subject);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SerializationException(
                    "schema registry answered without an id when registering " + subject + ": " + answer);
        }
        idsBySchema.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The schema with global id {@code id}. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer =
                send(HttpRequest.newBuilder(resolve("schemas/ids/" + id)).GET(), "look up schema id " + id);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        request.timeout(TIMEOUT).header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE);
        credentials.ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            String problem = "schema registry " + baseUrl + " could not " + what + ": HTTP " + response.statusCode()
                    + " " + response.body();
            if (response.statusCode() >= 500) {
                throw new SchemaRegistryUnavailableException(problem);
            }
            if (response.statusCode() / 100 != 2) {
                // A 4xx is an answer about this schema or id (unknown, invalid, incompatible): not a passing outage.
                throw new SerializationException(problem);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException(
                    "schema registry " + baseUrl + " unreachable to " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("interrupted while trying to " + what, e);
        }
    }

    private URI resolve(String path) {
        return baseUrl.resolve(path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
