package dev.computefabric.gateway.tables;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.calls.FabricUnavailableException;
import dev.computefabric.gateway.calls.Failures;
import dev.computefabric.tables.TableSpool;
import dev.computefabric.tables.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Streams uploaded tables into storage: the body goes to a spool on local disk while it is hashed (the key is
 * the hash, known only at the last byte), then to S3 unless an object with that hash exists. Memory stays at
 * one copy buffer whatever the size. A body that breaks off, or whose hash is not the one announced, leaves
 * nothing behind.
 */
public final class TableUploads {

    static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final Tables tables;

    public TableUploads(Tables tables) {
        this.tables = tables;
    }

    /**
     * Stores the whole of {@code body} as one table.
     *
     * @param announcedSha256 the hash the client says the bytes have (lower-case hex), or null
     */
    public TableRef upload(InputStream body, TableFormat format, String announcedSha256) {
        try (TableSpool spool = tables.diskSpool()) {
            copyInto(spool, body, "the upload");
            seal(spool);
            if (announcedSha256 != null && !announcedSha256.equals(spool.sha256())) {
                throw new Sha256MismatchException(announcedSha256, spool.sha256(), spool.size());
            }
            return store(spool, format, "the uploaded table");
        }
    }

    /** A table of at most the inline limit stays in memory; a larger one is stored and referenced by its hash. */
    public Received receive(InputStream body, TableFormat format, String what) {
        try (TableSpool spool = tables.spool()) {
            copyInto(spool, body, what);
            seal(spool);
            if (spool.size() <= tables.inlineLimitBytes()) {
                return new Received(format, spool.bytes(), null, spool.size());
            }
            return new Received(format, null, store(spool, format, what).getSha256(), spool.size());
        }
    }

    /** A received table: its bytes when small, else the hash it is stored under. */
    public record Received(TableFormat format, byte[] content, String sha256, long size) {}

    /** Copies the body into the spool, telling a body that broke off apart from a local disk that failed. */
    private static void copyInto(TableSpool spool, InputStream body, String what) {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        OutputStream out = spool.output();
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (UploadTruncatedException e) {
                throw e;
            } catch (IOException e) {
                throw new UploadTruncatedException(
                        what + " broke off after " + spool.size() + " bytes (" + e.getMessage()
                                + "); nothing was stored, send it again",
                        e);
            }
            if (n < 0) {
                return;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw spoolFailed(e);
            }
        }
    }

    private static void seal(TableSpool spool) {
        try {
            spool.seal();
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    private TableRef store(TableSpool sealed, TableFormat format, String what) {
        try {
            return tables.store().put(sealed, format);
        } catch (SdkException e) {
            throw Failures.of("store " + what, e);
        } catch (UncheckedIOException e) {
            throw spoolFailed(e.getCause());
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    private static FabricUnavailableException spoolFailed(IOException e) {
        return new FabricUnavailableException(
                "the gateway cannot spool the table to its local disk (" + e.getMessage()
                        + "); retry later, or tell the fabric's operators",
                e);
    }
}
