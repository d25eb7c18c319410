package dev.computefabric.tables;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Tables in S3-compatible storage under content-addressed keys ({@code tables/<sha256>}): the claim
 * check of the fabric. Writing the same bytes twice stores one object. Reads are streamed and verified
 * against the reference's size and hash.
 */
public final class TableStore implements AutoCloseable {

    static final String KEY_PREFIX = "tables/";

    private final S3Client s3;
    private final String bucket;

    public TableStore(S3Settings settings) {
        this.bucket = settings.bucket();
        this.s3 = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stores {@code bytes} (already in memory, so hashed in place) unless an object with their hash exists. */
    public TableRef put(byte[] bytes, TableFormat format) {
        String sha256 = Sha256.hex(bytes);
        TableRef ref = ref(sha256, bytes.length, format);
        if (!exists(sha256)) {
            s3.putObject(b -> b.bucket(bucket).key(KEY_PREFIX + sha256).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        }
        return ref;
    }

    /**
     * Stores a stream of unknown length. It is spooled to a temporary file while hashed, because the
     * key is the hash; memory stays bounded whatever the size.
     */
    public TableRef put(InputStream in, TableFormat format) throws IOException {
        Path spool = Files.createTempFile("fabric-table-", ".part");
        try {
            MessageDigest digest = Sha256.digest();
            long size;
            try (InputStream hashing = new DigestInputStream(in, digest);
                 OutputStream out = Files.newOutputStream(spool)) {
                size = hashing.transferTo(out);
            }
            String sha256 = Sha256.hex(digest);
            if (!exists(sha256)) {
                s3.putObject(b -> b.bucket(bucket).key(KEY_PREFIX + sha256).contentLength(size), RequestBody.fromFile(spool));
            }
            return ref(sha256, size, format);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * Opens a stored table for streaming. The stream throws {@link TableIntegrityException} at its end if
     * the bytes do not match the reference; a missing object is a {@link TableIntegrityException} at once.
     */
    public InputStream open(TableRef ref) throws IOException {
        String key = keyOf(ref);
        try {
            return new VerifyingInputStream(s3.getObject(b -> b.bucket(bucket).key(key)),
                    ref.getSizeBytes(), ref.getSha256(), "table " + ref.getUri());
        } catch (NoSuchKeyException e) {
            throw new TableIntegrityException("table " + ref.getUri() + " does not exist in storage");
        } catch (S3Exception e) {
            throw new IOException("cannot read table " + ref.getUri() + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String sha256) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(KEY_PREFIX + sha256));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private TableRef ref(String sha256, long size, TableFormat format) {
        return TableRef.newBuilder()
                .setUri("s3://" + bucket + "/" + KEY_PREFIX + sha256)
                .setFormat(format)
                .setSizeBytes(size)
                .setSha256(sha256)
                .build();
    }

    private String keyOf(TableRef ref) throws TableIntegrityException {
        URI uri = URI.create(ref.getUri());
        if (!"s3".equals(uri.getScheme()) || !bucket.equals(uri.getHost())) {
            throw new TableIntegrityException("table " + ref.getUri() + " is not in this fabric's bucket s3://" + bucket);
        }
        return uri.getPath().substring(1);
    }

    @Override
    public void close() {
        s3.close();
    }
}
