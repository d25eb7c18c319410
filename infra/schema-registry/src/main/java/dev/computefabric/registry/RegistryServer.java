package dev.computefabric.registry;

import com.sun.net.httpserver.HttpServer;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.registry.http.Routes;
import dev.computefabric.registry.http.WriteGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The registry's HTTP server, on the JDK's own {@link HttpServer}: no framework to start. */
public final class RegistryServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService workers;
    private final SchemaStore store;

    private RegistryServer(HttpServer http, ExecutorService workers, SchemaStore store) {
        this.http = http;
        this.workers = workers;
        this.store = store;
    }

    /** Binds and serves; returns once requests are accepted. The server closes {@code store} on close. */
    public static RegistryServer start(RegistryOptions options, SchemaStore store) {
        return start(options, store, WriteGuard.open());
    }

    /** The same, refusing writes that {@code writeGuard} does not let through. */
    public static RegistryServer start(RegistryOptions options, SchemaStore store, WriteGuard writeGuard) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "schema registry cannot bind " + options.host() + ":" + options.port()
                            + " (is the port taken? pass another with --port, or 0 for any free port)",
                    e);
        }
        ExecutorService workers =
                Executors.newFixedThreadPool(options.threads(), NamedThreads.numbered("registry-http"));
        http.setExecutor(workers);
        http.createContext("/", Routes.of(new SchemaRegistry(store)).guardWrites(writeGuard));
        http.start();
        return new RegistryServer(http, workers, store);
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}, with the port actually bound. */
    public URI url() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        // No grace period: registry requests are short and every client retries.
        http.stop(0);
        workers.shutdownNow();
        store.close();
    }
}
