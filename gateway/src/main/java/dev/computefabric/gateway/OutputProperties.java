package dev.computefabric.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How {@code GET /v1/calls/{id}/outputs/{name}} serves stored tables, under {@code fabric.outputs.*}.
 *
 * @param redirect   false (default): the gateway streams the table; true: it answers {@code 307} to a presigned
 *                   S3 URL, so the bytes bypass the gateway (clients must reach the S3 endpoint)
 * @param presignTtl how long a presigned URL stays valid (default 15m, at most 7 days as S3 allows)
 */
@ConfigurationProperties("fabric.outputs")
public record OutputProperties(Boolean redirect, Duration presignTtl) {

    public static final Duration DEFAULT_PRESIGN_TTL = Duration.ofMinutes(15);
    public static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

    public OutputProperties {
        redirect = redirect != null && redirect;
        presignTtl = TableProperties.positive("fabric.outputs.presign-ttl", presignTtl, DEFAULT_PRESIGN_TTL);
        if (presignTtl.compareTo(MAX_PRESIGN_TTL) > 0) {
            throw new IllegalArgumentException("fabric.outputs.presign-ttl must be at most 7d, got " + presignTtl);
        }
    }

    public static OutputProperties defaults() {
        return new OutputProperties(null, null);
    }
}
