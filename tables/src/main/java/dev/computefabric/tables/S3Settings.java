package dev.computefabric.tables;

import java.net.URI;
import java.util.Objects;

/**
 * Where tables are stored: an S3-compatible endpoint, a bucket and credentials.
 * The defaults match the embedded stack's S3 server.
 */
public record S3Settings(URI endpoint, String bucket, String accessKey, String secretKey, String region) {

    public static final String DEFAULT_BUCKET = "fabric";
    public static final String DEFAULT_ACCESS_KEY = "fabric";
    public static final String DEFAULT_SECRET_KEY = "fabric-secret";
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        Objects.requireNonNull(endpoint, "s3 endpoint is required (e.g. http://127.0.0.1:9000)");
        requireText(bucket, "s3 bucket");
        requireText(accessKey, "s3 access key");
        requireText(secretKey, "s3 secret key");
        requireText(region, "s3 region");
    }

    /** Settings for {@code endpoint} with the embedded stack's bucket and credentials. */
    public static S3Settings of(String endpoint) {
        return new S3Settings(
                URI.create(endpoint), DEFAULT_BUCKET, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_REGION);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
