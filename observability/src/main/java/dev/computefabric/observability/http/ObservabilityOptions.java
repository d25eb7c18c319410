package dev.computefabric.observability.http;

/**
 * Where a plain-Java component serves {@code /metrics} and {@code /health/*}.
 *
 * @param host interface to bind
 * @param port port to bind; 0 for any free port (announced at start), negative for none
 */
public record ObservabilityOptions(String host, int port) {

    /** All interfaces: Prometheus and the kubelet reach the pod from outside. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** Any free port, announced in the log: several components share one host in development. */
    public static final int DEFAULT_PORT = 0;
    /** The port the Kubernetes manifests and the container images use. */
    public static final int CONTAINER_PORT = 9404;

    public ObservabilityOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("metrics host must not be blank");
        }
        if (port > 65535) {
            throw new IllegalArgumentException("metrics port must be at most 65535, got " + port);
        }
    }

    public static ObservabilityOptions port(int port) {
        return new ObservabilityOptions(DEFAULT_HOST, port);
    }

    public boolean enabled() {
        return port >= 0;
    }
}
