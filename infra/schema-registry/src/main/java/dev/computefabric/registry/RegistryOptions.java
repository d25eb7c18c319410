package dev.computefabric.registry;

/**
 * Where the registry listens.
 *
 * @param host    interface to bind; loopback by default, the registry has no authentication
 * @param port    port to bind, {@code 0} for any free port ({@link RegistryServer#url()} names the one bound)
 * @param threads request-handling threads
 */
public record RegistryOptions(String host, int port, int threads) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Confluent Schema Registry's port, so tools find it where they look by default. */
    public static final int DEFAULT_PORT = 8081;

    public static final int DEFAULT_THREADS = 4;

    public RegistryOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS);
    }

    public RegistryOptions withPort(int newPort) {
        return new RegistryOptions(host, newPort, threads);
    }
}
