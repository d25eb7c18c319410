package dev.computefabric.infra.s3;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How the embedded S3 server runs.
 *
 * @param baseDir    directory holding one sub-directory per bucket; created if missing
 * @param host       interface to bind; loopback by default, the server has no TLS
 * @param port       port to bind, {@code 0} for any free port (the ready line names the one bound)
 * @param accessKey  the only access key accepted (AWS signature v2 or v4)
 * @param secretKey  its secret
 * @param bucket     bucket created at start if missing
 */
public record S3ServerOptions(Path baseDir, String host, int port, String accessKey, String secretKey, String bucket) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_ACCESS_KEY = "fabric";
    public static final String DEFAULT_SECRET_KEY = "fabric-secret";
    public static final String DEFAULT_BUCKET = "fabric";

    // S3's own bucket naming rule, so a name that works here also works against AWS.
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3ServerOptions {
        if (baseDir == null) {
            throw new IllegalArgumentException("baseDir is required");
        }
        requireText("host", host);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        requireText("accessKey", accessKey);
        requireText("secretKey", secretKey);
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket must be 3-63 characters of a-z, 0-9, '.', '-' and start and end "
                    + "with a letter or digit, got '" + bucket + "'");
        }
    }

    /** Options with every default but the base directory. */
    public static S3ServerOptions defaults(Path baseDir) {
        return new S3ServerOptions(
                baseDir, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_BUCKET);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
