package dev.computefabric.tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Puts a sealed spool's bytes into S3 under a key, streamed from the spool's file: one PUT up to the part size, else
 * a multipart upload whose parts go up {@value #PARTS_IN_FLIGHT} at a time, each a
 * {@code RequestBody.fromContentProvider} that re-opens the file at its offset (retryable, no heap buffer). A
 * multipart upload that fails is aborted once none of its parts is still going up, so nothing of it stays behind.
 */
final class SpoolUploads implements AutoCloseable {

    /**
     * How many parts of one table go up at once. One part at a time left the storage server waiting on the
     * uploader and the uploader on the server: 1 GiB from a spool to the embedded S3 took 4.5 s one part at a time,
     * 3.8 s two at a time (docs/benchmarks.md, "a table's parts two at a time").
     */
    static final int PARTS_IN_FLIGHT = 2;

    private final S3Client s3;
    private final String bucket;
    private final long partBytes;
    private final String contentType;
    private final ExecutorService partUploads = Executors.newCachedThreadPool(daemon("table-part-upload"));

    SpoolUploads(S3Client s3, String bucket, long partBytes, String contentType) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partBytes = partBytes;
        this.contentType = contentType;
    }

    /** Stores the sealed spool's bytes under {@code key}: one PUT up to the part size, else a multipart upload. */
    void store(TableSpool sealed, String key) throws IOException {
        UploadPlan plan = UploadPlan.of(sealed.size(), partBytes);
        if (plan.single()) {
            s3.putObject(
                    b -> b.bucket(bucket).key(key).contentLength(sealed.size()).contentType(contentType),
                    RequestBody.fromContentProvider(
                            () -> openUnchecked(sealed, 0, sealed.size()), sealed.size(), contentType));
            return;
        }
        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket(bucket).key(key).contentType(contentType))
                .uploadId();
        Deque<Future<CompletedPart>> inFlight = new ArrayDeque<>();
        try {
            List<CompletedPart> done = new ArrayList<>();
            for (UploadPlan.Part part : plan.parts()) {
                if (inFlight.size() == PARTS_IN_FLIGHT) {
                    done.add(finished(inFlight.removeFirst()));
                }
                inFlight.addLast(partUploads.submit(() -> uploadPart(sealed, key, uploadId, part)));
            }
            while (!inFlight.isEmpty()) {
                done.add(finished(inFlight.removeFirst()));
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        } catch (RuntimeException | InterruptedIOException e) {
            settle(inFlight);
            abort(key, uploadId, e);
            throw e;
        }
    }

    private CompletedPart uploadPart(TableSpool sealed, String key, String uploadId, UploadPlan.Part part) {
        String etag = s3.uploadPart(
                        b -> b.bucket(bucket)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(part.number())
                                .contentLength(part.length()),
                        RequestBody.fromContentProvider(
                                () -> openUnchecked(sealed, part.offset(), part.length()), part.length(), contentType))
                .eTag();
        return CompletedPart.builder().partNumber(part.number()).eTag(etag).build();
    }

    /** A part's upload once it is done; its failure as the unchecked exception it threw. */
    private static CompletedPart finished(Future<CompletedPart> part) throws InterruptedIOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a table's parts were uploaded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("a part's upload failed", e.getCause());
        }
    }

    /**
     * Waits until none of {@code inFlight} is still uploading, so that the abort that follows is the last word: a part
     * that went up after it would be stored, and kept, by an S3 that frees an aborted upload's parts only once. Not by
     * cancelling them: a cancelled {@link Future} answers {@code get} at once while its request still runs, and the
     * HTTP client's requests cannot be interrupted anyway. At most {@link #PARTS_IN_FLIGHT} parts are in flight, so
     * this waits for one part's upload at most; an interrupt is kept for the caller, not obeyed.
     */
    static void settle(Iterable<? extends Future<?>> inFlight) {
        boolean interrupted = false;
        for (Future<?> part : inFlight) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (CancellationException | ExecutionException stopped) {
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void abort(String key, String uploadId, Exception failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static InputStream openUnchecked(TableSpool sealed, long offset, long length) {
        try {
            return sealed.open(offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the table spool", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        partUploads.shutdownNow();
    }
}
