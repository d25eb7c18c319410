package dev.computefabric.registry.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.computefabric.registry.RegistryException;
import dev.computefabric.registry.SchemaStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to endpoints by method and path template ({@code /subjects/{subject}/versions}),
 * and turns every failure into Confluent's error body, so no client ever sees an HTML error page.
 */
public final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes = new ArrayList<>();
    private WriteGuard writeGuard = WriteGuard.open();

    /** Who may send anything but a read; by default everyone. */
    public Router guardWrites(WriteGuard guard) {
        writeGuard = guard;
        return this;
    }

    public Router add(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, segments(template), endpoint, Optional.empty()));
        return this;
    }

    /**
     * A route that changes something for writers, and is answered by {@code forReaders} for anyone else: what a write
     * would answer when it would change nothing (registering a schema already there is a look-up).
     */
    public Router add(String method, String template, Endpoint endpoint, Endpoint forReaders) {
        routes.add(new Route(method, segments(template), endpoint, Optional.of(forReaders)));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response = respond(exchange);
            byte[] body = Json.MAPPER.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", Json.CONTENT_TYPE);
            if (response.status() == WriteGuard.UNAUTHORIZED) {
                exchange.getResponseHeaders()
                        .set("WWW-Authenticate", "Basic realm=\"" + WriteGuard.REALM + "\", charset=\"UTF-8\"");
            }
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Response respond(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Optional<Response> refused =
                writeGuard.check(method, exchange.getRequestHeaders().getFirst("Authorization"));
        try {
            if (refused.isPresent()) {
                Optional<Response> asReader = dispatch(exchange, method, path, true);
                if (asReader.isEmpty()) {
                    LOG.info("{} {} refused: no valid credentials", method, path);
                }
                return asReader.orElse(refused.get());
            }
            return dispatch(exchange, method, path, false).orElseThrow();
        } catch (RegistryException e) {
            LOG.debug("{} {} refused: {}", method, path, e.getMessage());
            return new Response(e.httpStatus(), Json.error(e.errorCode(), e.getMessage()));
        } catch (SchemaStoreException e) {
            LOG.warn("{} {} failed in the schema store", method, path, e);
            return new Response(
                    500,
                    Json.error(RegistryException.STORE_ERROR, "Error in the backend data store: " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            return new Response(500, Json.error(500, "Internal Server Error: " + e));
        }
    }

    /** The answer of the route, or with {@code reader} of its reader's endpoint; empty if it has none. */
    private Optional<Response> dispatch(HttpExchange exchange, String method, String rawPath, boolean reader)
            throws IOException {
        List<String> requested = segments(rawPath);
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(requested);
            if (variables.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                Optional<Endpoint> endpoint = reader ? route.forReaders() : Optional.of(route.endpoint());
                if (endpoint.isEmpty()) {
                    return Optional.empty();
                }
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                return Optional.of(endpoint.get()
                        .handle(new Request(
                                method,
                                variables.get(),
                                query(exchange.getRequestURI().getRawQuery()),
                                body)));
            }
        }
        if (reader) {
            return Optional.empty();
        }
        return Optional.of(
                pathKnown
                        ? new Response(405, Json.error(405, "HTTP 405 Method Not Allowed"))
                        : new Response(404, Json.error(404, "HTTP 404 Not Found")));
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    // URLDecoder turns '+' into a space, matching the URLEncoder the Java clients encode subjects with.
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.badRequest("malformed percent-encoding in '" + raw + "': " + e.getMessage());
        }
    }

    private record Route(String method, List<String> template, Endpoint endpoint, Optional<Endpoint> forReaders) {

        /** The path variables if {@code requested} fits this template; raw segments are decoded one by one. */
        Optional<Map<String, String>> match(List<String> requested) {
            if (requested.size() != template.size()) {
                return Optional.empty();
            }
            Map<String, String> variables = new HashMap<>();
            for (int i = 0; i < template.size(); i++) {
                String expected = template.get(i);
                String actual = decode(requested.get(i));
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    variables.put(expected.substring(1, expected.length() - 1), actual);
                } else if (!expected.equals(actual)) {
                    return Optional.empty();
                }
            }
            return Optional.of(variables);
        }
    }
}
