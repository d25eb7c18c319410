package dev.computefabric.tables;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.schemas.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Tables in S3-compatible storage under content-addressed keys ({@code tables/<sha256>}): the claim
 * check of the fabric. Writing the same bytes twice stores one object. Reads are streamed and verified
 * against the reference's size and hash.
 *
 * <p>Reusing an object that already exists writes a <em>lease</em> ({@code leases/<sha256>}, empty): the
 * retention sweep counts an object's age from its last write or its last lease, so a table somebody just
 * referenced again is not removed for being old (see {@code retention.TableJanitor}).
 *
 * <p>A table is never visible half-written: S3 shows an object only once its single PUT or its multipart
 * upload completed, and a failed multipart upload is aborted.
 */
public final class TableStore implements AutoCloseable {

    public static final String KEY_PREFIX = "tables/";
    public static final String LEASE_PREFIX = "leases/";
    /** {@code grants/<sha256>/<principal>}: who may name a table in its calls, on a gateway with authentication. */
    public static final String GRANT_PREFIX = "grants/";

    static final String CONTENT_TYPE = "application/octet-stream";

    /**
     * How much of a stored table a read takes from the connection at once. A reader's own reads are often small
     * ({@code InputStream.transferTo} and {@code BufferedReader} ask 8 KiB at a time), and each went down to the
     * socket through every layer of the SDK's stream: reading 1 GiB took 1.4–1.9 s instead of 1.0–1.1, and
     * {@code table.copy}'s pass 2.9–3.3 s instead of 2.3–2.4 (docs/benchmarks.md, "a table's bytes in larger
     * reads").
     */
    static final int READ_AHEAD_BYTES = 256 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final SpoolUploads uploads;

    public TableStore(S3Settings settings) {
        this(settings, UploadPlan.DEFAULT_PART_BYTES);
    }

    /** @param partBytes tables larger than this go up as a multipart upload in parts of (at least) this size */
    public TableStore(S3Settings settings, long partBytes) {
        if (partBytes < UploadPlan.MIN_PART_BYTES) {
            throw new IllegalArgumentException("partBytes must be at least " + UploadPlan.MIN_PART_BYTES
                    + " (S3's minimum part), got " + partBytes);
        }
        this.bucket = settings.bucket();
        this.s3 = S3Clients.client(settings);
        this.uploads = new SpoolUploads(s3, bucket, partBytes, CONTENT_TYPE);
        this.presigner = S3Clients.presigner(settings);
    }

    /** Stores {@code bytes} (already in memory, so hashed in place) unless an object with their hash exists. */
    public TableRef put(byte[] bytes, TableFormat format) {
        String sha256 = Sha256.hex(bytes);
        if (!reuse(sha256)) {
            s3.putObject(
                    b -> b.bucket(bucket)
                            .key(keyOf(sha256))
                            .contentLength((long) bytes.length)
                            .contentType(CONTENT_TYPE),
                    RequestBody.fromBytes(bytes));
        }
        return ref(sha256, bytes.length, format);
    }

    /**
     * Stores a stream of unknown length. It is spooled to a temporary file while hashed, because the
     * key is the hash; memory stays bounded whatever the size.
     */
    public TableRef put(InputStream in, TableFormat format) throws IOException {
        try (TableSpool spool = new TableSpool(0)) {
            spool.writeAll(in);
            return put(spool.seal(), format);
        }
    }

    /**
     * Stores a sealed spool's bytes unless an object with their hash exists (then it is leased). Large
     * tables go up in parts, streamed from the spool's file.
     */
    public TableRef put(TableSpool sealed, TableFormat format) throws IOException {
        String sha256 = sealed.sha256();
        if (!reuse(sha256)) {
            uploads.store(sealed, keyOf(sha256));
        }
        return ref(sha256, sealed.size(), format);
    }

    /** The stored table with this hash, leased for another retention period; empty when there is none. */
    public Optional<TableRef> find(String sha256, TableFormat format) {
        requireHex(sha256);
        Optional<StoredObject> stored = stat(sha256);
        stored.ifPresent(object -> lease(sha256));
        return stored.map(object -> ref(sha256, object.sizeBytes(), format));
    }

    /** Size and last write of the stored table with this hash, without leasing it. */
    public Optional<StoredObject> stat(String sha256) {
        return head(keyOf(sha256)).map(h -> new StoredObject(sha256, h.contentLength(), h.lastModified()));
    }

    /** When the table with this hash was last leased, if ever (and the lease is still there). */
    public Optional<StoredObject> leaseOf(String sha256) {
        return head(LEASE_PREFIX + requireHex(sha256)).map(h -> new StoredObject(sha256, 0, h.lastModified()));
    }

    /** Marks the table with this hash as in use now; the retention sweep spares it for another period. */
    public void lease(String sha256) {
        s3.putObject(
                b -> b.bucket(bucket).key(LEASE_PREFIX + requireHex(sha256)).contentLength(0L), RequestBody.empty());
    }

    /**
     * Opens a stored table for streaming. The stream throws {@link TableIntegrityException} at its end if
     * the bytes do not match the reference; a missing object is a {@link TableIntegrityException} at once.
     */
    public InputStream open(TableRef ref) throws IOException {
        String key = keyOf(ref);
        try {
            return new VerifyingInputStream(
                    readAhead(s3.getObject(b -> b.bucket(bucket).key(key)), ref.getSizeBytes()),
                    ref.getSizeBytes(),
                    ref.getSha256(),
                    "table " + ref.getUri());
        } catch (NoSuchKeyException e) {
            throw missing(ref);
        } catch (S3Exception e) {
            throw new IOException("cannot read table " + ref.getUri() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the bytes {@code [offset, offset + length)} of a stored table with a ranged GET: how one part of a
     * table ({@link TableChunks}) is read without the rest. A range cannot be verified against the reference's
     * hash, which covers the whole table; its size can: storage must hold exactly the reference's size, and the
     * stream throws {@link TableIntegrityException} at its end unless exactly {@code length} bytes arrived.
     */
    public InputStream open(TableRef ref, long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > ref.getSizeBytes()) {
            throw new IllegalArgumentException("bytes [" + offset + ", " + (offset + length) + ") are not within table "
                    + ref.getUri() + " of " + ref.getSizeBytes() + " bytes");
        }
        String key = keyOf(ref);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        String what = "table " + ref.getUri() + " bytes " + offset + "-" + (offset + length - 1);
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw missing(ref);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                throw new TableIntegrityException(what + " are beyond the stored object: it is smaller than the "
                        + ref.getSizeBytes() + " bytes its reference says");
            }
            throw new IOException("cannot read " + what + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            // A part may be read on while a function consumes it, where an unchecked SDK failure would be a bug.
            throw new IOException("cannot read " + what + ": " + e.getMessage(), e);
        }
        try {
            requireWholeSize(in.response().contentRange(), ref);
        } catch (IOException e) {
            in.abort();
            throw e;
        }
        return new RangeInputStream(readAhead(in, length), length, what);
    }

    /** Reads {@code connection} {@link #READ_AHEAD_BYTES} at a time, with no larger buffer than its bytes need. */
    private static InputStream readAhead(InputStream connection, long bytes) {
        return new BufferedInputStream(connection, (int) Math.max(1, Math.min(READ_AHEAD_BYTES, bytes)));
    }

    /** {@code Content-Range: bytes a-b/total}: the stored object must be as large as its reference says. */
    private static void requireWholeSize(String contentRange, TableRef ref) throws IOException {
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        if (slash < 0) {
            throw new IOException("table storage answered a ranged read of " + ref.getUri() + " without a Content-Range"
                    + " (got '" + contentRange + "'); reading a table in parts needs storage that serves byte ranges");
        }
        String total = contentRange.substring(slash + 1).strip();
        if (!total.equals(Long.toString(ref.getSizeBytes()))) {
            throw new TableIntegrityException("table " + ref.getUri() + " has " + total + " bytes in storage, its"
                    + " reference says " + ref.getSizeBytes());
        }
    }

    private static TableIntegrityException missing(TableRef ref) {
        return new TableIntegrityException("table " + ref.getUri() + " does not exist in storage"
                + " (never stored, or removed by the retention sweep after nothing referenced it)");
    }

    /** A URL that reads the table without credentials for {@code validFor}, answered with {@code contentType}. */
    public URI presign(TableRef ref, Duration validFor, String contentType) throws TableIntegrityException {
        String key = keyOf(ref);
        try {
            return presigner
                    .presignGetObject(p -> p.signatureDuration(validFor)
                            .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)))
                    .url()
                    .toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned a URL that is not a URI", e);
        }
    }

    /**
     * Records that {@code principal} may name the table with this hash in its calls (it uploaded it, or a call of
     * its own produced it): an empty object, so that every gateway knows.
     */
    public void grant(String sha256, String principal) {
        s3.putObject(b -> b.bucket(bucket).key(grantKey(sha256, principal)).contentLength(0L), RequestBody.empty());
    }

    /** Whether {@link #grant} recorded {@code principal} for the table with this hash. */
    public boolean isGranted(String sha256, String principal) {
        return head(grantKey(sha256, principal)).isPresent();
    }

    private static String grantKey(String sha256, String principal) {
        return GRANT_PREFIX + requireHex(sha256) + "/" + URLEncoder.encode(principal, StandardCharsets.UTF_8);
    }

    /** Every stored table, page by page as the listing arrives. */
    public Stream<StoredObject> listTables() {
        return list(KEY_PREFIX);
    }

    /**
     * A multipart upload of a table that was neither completed nor aborted: a table still going up, or one left behind
     * by a process that stopped half-way (its parts stay in storage, unseen, until the upload is aborted).
     */
    public record UnfinishedUpload(String key, String uploadId) {}

    /** Every unfinished multipart upload of a table, page by page as the listing arrives. */
    public Stream<UnfinishedUpload> listUnfinishedUploads() {
        return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(KEY_PREFIX)).uploads().stream()
                .filter(upload -> upload.key().startsWith(KEY_PREFIX)) // whether or not the server applied the prefix
                .map(upload -> new UnfinishedUpload(upload.key(), upload.uploadId()));
    }

    /** Aborts an unfinished upload: storage frees its parts, and nothing of it is ever visible. */
    public void abort(UnfinishedUpload upload) {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
    }

    /** Every lease, page by page as the listing arrives. */
    public Stream<StoredObject> listLeases() {
        return list(LEASE_PREFIX);
    }

    public void delete(String sha256) {
        s3.deleteObject(b -> b.bucket(bucket).key(keyOf(sha256)));
    }

    public void deleteLease(String sha256) {
        s3.deleteObject(b -> b.bucket(bucket).key(LEASE_PREFIX + requireHex(sha256)));
    }

    public boolean exists(String sha256) {
        return stat(sha256).isPresent();
    }

    /** The URI a reference to the table with this hash carries: {@code s3://<bucket>/tables/<sha256>}. */
    public String uriOf(String sha256) {
        return "s3://" + bucket + "/" + keyOf(sha256);
    }

    public String bucket() {
        return bucket;
    }

    private boolean reuse(String sha256) {
        if (stat(sha256).isEmpty()) {
            return false;
        }
        lease(sha256);
        return true;
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Stream<StoredObject> list(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> Sha256.isHex(o.key().substring(prefix.length())))
                .map(o -> new StoredObject(o.key().substring(prefix.length()), o.size(), o.lastModified()));
    }

    private TableRef ref(String sha256, long size, TableFormat format) {
        return TableRef.newBuilder()
                .setUri(uriOf(sha256))
                .setFormat(format)
                .setSizeBytes(size)
                .setSha256(sha256)
                .build();
    }

    static String keyOf(String sha256) {
        return KEY_PREFIX + requireHex(sha256);
    }

    private String keyOf(TableRef ref) throws TableIntegrityException {
        URI uri;
        try {
            uri = URI.create(ref.getUri());
        } catch (IllegalArgumentException e) {
            throw new TableIntegrityException("table reference " + ref.getUri() + " is not a URI");
        }
        if (!"s3".equals(uri.getScheme()) || !bucket.equals(uri.getHost())) {
            throw new TableIntegrityException(
                    "table " + ref.getUri() + " is not in this fabric's bucket s3://" + bucket);
        }
        return uri.getPath().substring(1);
    }

    private static String requireHex(String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException(
                    "a table's key is its SHA-256 as 64 lower-case hex digits, got '" + sha256 + "'");
        }
        return sha256;
    }

    @Override
    public void close() {
        uploads.close();
        try {
            presigner.close();
        } finally {
            s3.close();
        }
    }
}
