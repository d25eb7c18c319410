package dev.computefabric.observability.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.computefabric.observability.health.Health;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A plain-Java component's operator endpoint on the JDK's own {@link HttpServer}:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format
 *   <li>{@code GET /health/live}, {@code GET /health/ready}: {@code 200} or {@code 503} with the checks as JSON
 * </ul>
 *
 * One thread: a scrape every few seconds and two probes are all it serves.
 */
public final class ObservabilityServer implements AutoCloseable {

    public static final String METRICS_PATH = "/metrics";
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer http;
    private final ExecutorService thread;

    private ObservabilityServer(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    /** Binds and serves; fails saying which port when it cannot bind. */
    public static ObservabilityServer start(
            ObservabilityOptions options, String component, PrometheusMeterRegistry registry, Health health) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    component + " cannot serve metrics on " + options.host() + ":" + options.port()
                            + " (is the port taken? pass another with --metrics-port, 0 for any free port,"
                            + " -1 for none)",
                    e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, component + "-observability");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(thread);
        http.createContext(METRICS_PATH, exchange -> answer(exchange, 200, PROMETHEUS_TEXT, registry::scrape));
        http.createContext(LIVE_PATH, exchange -> probe(exchange, health.liveness()));
        http.createContext(READY_PATH, exchange -> probe(exchange, health.readiness()));
        http.start();
        return new ObservabilityServer(http, thread);
    }

    /** Where it serves, e.g. {@code http://127.0.0.1:41234}, with the port actually bound. */
    public URI url() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    private static void probe(HttpExchange exchange, Health.Report report) throws IOException {
        answer(exchange, report.up() ? 200 : 503, "application/json", report::json);
    }

    private static void answer(HttpExchange exchange, int status, String type, Supplier<String> body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
