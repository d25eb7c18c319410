package dev.computefabric.spring;

import dev.computefabric.executor.api.FabricNodeBuilder;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node the starter runs, under {@code fabric.*} in {@code application.yaml}:
 *
 * <pre>{@code
 * fabric:
 *   bootstrap: 127.0.0.1:9092
 *   registry: http://127.0.0.1:8081
 *   s3:
 *     endpoint: http://127.0.0.1:9000
 *   capabilities: [pricing]
 *   slots: 8
 * }</pre>
 *
 * @param enabled      run a node at all (default true); off, the application starts without joining the fabric
 * @param bootstrap    Kafka bootstrap servers; required
 * @param registry     the schema registry's URL; required
 * @param s3           table storage; without an endpoint only tables small enough to travel inline work
 * @param capabilities capability tags of the node; it serves every calls topic whose tags it has
 * @param slots        calls it runs at once (default {@value FabricNodeBuilder#DEFAULT_SLOTS})
 * @param id           the node's id in the catalog and in results (default: host name and a random suffix)
 * @param builtins     also serve the fabric's built-in functions ({@code echo}, {@code sleep}, {@code table.*});
 *                     default false: an application serves its own functions
 * @param drainTimeout on shutdown, how long running calls may take to finish (default 30 s)
 * @param readyTimeout how long the application's start waits for the node to join the fabric (default 60 s)
 */
@ConfigurationProperties(FabricNodeProperties.PREFIX)
public record FabricNodeProperties(
        Boolean enabled,
        String bootstrap,
        String registry,
        S3 s3,
        List<String> capabilities,
        Integer slots,
        String id,
        Boolean builtins,
        Duration drainTimeout,
        Duration readyTimeout) {

    public static final String PREFIX = "fabric";
    public static final int DEFAULT_SLOTS = FabricNodeBuilder.DEFAULT_SLOTS;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = FabricNodeBuilder.DEFAULT_DRAIN_TIMEOUT;
    public static final Duration DEFAULT_READY_TIMEOUT = FabricNodeBuilder.DEFAULT_READY_TIMEOUT;

    public FabricNodeProperties {
        enabled = enabled == null || enabled;
        s3 = s3 == null ? new S3(null, null, null, null, null) : s3;
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        slots = slots == null ? DEFAULT_SLOTS : slots;
        builtins = builtins != null && builtins;
        drainTimeout = drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : drainTimeout;
        readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
        if (enabled) {
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException(PREFIX + ".bootstrap is required: the Kafka bootstrap servers of the"
                        + " fabric, e.g. 127.0.0.1:9092 (or set " + PREFIX + ".enabled=false to run without a node)");
            }
            if (registry == null || registry.isBlank()) {
                throw new IllegalArgumentException(
                        PREFIX + ".registry is required: the schema registry's URL, e.g. http://127.0.0.1:8081");
            }
            if (slots < 1) {
                throw new IllegalArgumentException(PREFIX + ".slots must be at least 1, got " + slots);
            }
        }
    }

    /**
     * Table storage, S3-compatible; bucket and credentials default to the embedded stack's.
     *
     * @param endpoint e.g. {@code http://127.0.0.1:9000}
     */
    public record S3(String endpoint, String bucket, String accessKey, String secretKey, String region) {

        /** Without the secret key, for logs. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + accessKey + ", region=" + region
                    + "]";
        }
    }
}
