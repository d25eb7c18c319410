package dev.computefabric.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The table scenario's floor: the same bytes moved the same way by a plain S3 client, no fabric code:
 * put (the upload), get (the copy: {@code table.copy} reads its input through, and its output has the
 * input's hash, so content-addressed storage keeps the one object and writes no bytes), get (the
 * download). Puts are multipart with {@value #PART_BYTES}-byte parts read from the stream, so memory
 * stays bounded.
 */
final class S3Floor implements AutoCloseable {

    static final int PART_BYTES = 16 << 20;

    private final S3Client s3;
    private final String bucket;

    S3Floor(URI endpoint, String bucket, String accessKey, String secretKey) {
        this.bucket = bucket;
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Moves a table of {@code maxBytes} in, reads it through as the copy does, reads it back; returns seconds per phase. */
    Map<String, Double> run(long maxBytes) throws IOException {
        long size = CsvSource.sizeFor(maxBytes);
        String source = "bench-floor/" + UUID.randomUUID();
        Map<String, Double> phases = new LinkedHashMap<>();
        try {
            long start = System.nanoTime();
            try (InputStream in = new CsvSource(maxBytes)) {
                put(source, in);
            }
            long uploadedAt = System.nanoTime();
            phases.put(TableTrip.UPLOAD, TableTrip.seconds(start, uploadedAt));
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(source))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            long copiedAt = System.nanoTime();
            phases.put(TableTrip.CALL, TableTrip.seconds(uploadedAt, copiedAt));
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(source));
                    CsvSource expected = new CsvSource(maxBytes)) {
                TableTrip.sameBytes(in, expected, size);
            }
            phases.put(TableTrip.DOWNLOAD, TableTrip.seconds(copiedAt, System.nanoTime()));
            return phases;
        } finally {
            s3.deleteObject(b -> b.bucket(bucket).key(source));
        }
    }

    private void put(String key, InputStream in) throws IOException {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] part = new byte[PART_BYTES];
        int n;
        while ((n = in.readNBytes(part, 0, part.length)) > 0 || parts.isEmpty()) {
            int number = parts.size() + 1;
            String etag = s3.uploadPart(
                            b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                            RequestBody.fromInputStream(new java.io.ByteArrayInputStream(part, 0, n), n))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            if (n < part.length) {
                break;
            }
        }
        s3.completeMultipartUpload(
                b -> b.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
    }

    @Override
    public void close() {
        s3.close();
    }
}
